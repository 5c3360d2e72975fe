"""Every template renders with realistic variables, needs exactly those, and stays the project's own words."""

import re
import shutil
import tomllib
from collections.abc import Callable, Iterator
from pathlib import Path

import jinja2
import jinja2.meta
import jinja2.nodes
import pytest

from interviewer import templates
from interviewer.contract import (
    Critique,
    Flag,
    GraderInfo,
)
from interviewer.executive.base import GAP_DESCRIPTIONS
from interviewer.grading.injection import Fence
from interviewer.grading.render import FLAG_MEANINGS
from interviewer.guidance import CRITERION_IDS, load_guidance
from interviewer.profile import Candidate, FirstRound, InterviewerPersona, Profile
from interviewer.report.aggregate import build_report
from interviewer.report.records import CandidateQuestion, Exchange, QuestionRecord
from tests.samples import critique_from

Variables = dict[str, object]

# --- realistic sample variables, one list of cases per template ------------------------------

QUESTION = "What would you change in the first ninety days, and why you rather than the others?"
ANSWER = (
    "At Harbour Logistics I took over a depot that missed 30% of its delivery slots. "
    "I rebuilt the shift rota with the two team leads and cut missed slots to 6% in four months."
)
EARLIER_ANSWER = "I ran the night shift for three years before I moved into planning."


def _profile() -> Profile:
    """A profile with every field filled, so every optional branch of a prompt is exercised."""
    return Profile(
        role="Regional Operations Director",
        company="Northwind Freight",
        focus_areas=["on-time delivery", "hiring"],
        interviewer=InterviewerPersona(name="Dana Okafor", title="COO", tone="shift"),
        first_round=FirstRound(
            strengths=["clear about numbers"], concerns=["little evidence of leading leaders"]
        ),
        candidate=Candidate(name="Sam Reyes", background="Twelve years in depot operations."),
    )


def _fence() -> Fence:
    return Fence.around(ANSWER, QUESTION, EARLIER_ANSWER, str(_profile()))


# criterion id -> (score, evidence quoted from ANSWER, comment, suggestion); the rest go unscored.
RESULTS = {
    "experience_evidence": (
        5,
        ["cut missed slots to 6% in four months"],
        "A measured episode.",
        "",
    ),
    "focused_and_pointed": (3, ["I fixed a depot."], "Brief | needed a prompt.", "Lead with it."),
    "most_qualified": (4, ["I rebuilt the shift rota"], "Shows what you did yourself.", ""),
    "priority_alignment": (4, ["missed 30% of its delivery slots"], "On-time delivery.", ""),
    "first_round_gaps": (2, [], "Leading leaders is untouched.", "Name a lead you developed."),
    "consistent_style": (4, ["with the two team leads"], "Numbers first, as in round one.", ""),
}


def _critique(answer: str = ANSWER) -> Critique:
    """A critique as the grading pipeline leaves it: scores, quotes, advice and one flag."""
    return critique_from(
        QUESTION,
        answer,
        RESULTS,
        strengths=["A measured result"],
        improvements=["Say what you personally decided"],
        improved_answer="I cut missed slots from 30% to 6% in four months by [what you did].",
        flags=[Flag.SCORE_WITHDRAWN],
        grader=GraderInfo(backend="openai", model="test-model", prompt_version="p1-0123456789"),
    )


def _records(answer: str = ANSWER) -> list[QuestionRecord]:
    graded = QuestionRecord(
        index=1,
        question_id="differentiator-why-you",
        focus_area="on-time delivery",
        exchanges=[
            Exchange(kind="main", question=QUESTION, answer="I fixed a depot."),
            Exchange(
                kind="follow_up",
                question="What did you personally do?",
                answer=answer,
                gap=GAP_DESCRIPTIONS["we_not_i"],
            ),
        ],
        critique=_critique(f"I fixed a depot.\n\n{answer}"),
    )
    skipped = QuestionRecord(
        index=2,
        question_id="preparation-who-you-asked",
        focus_area=None,
        exchanges=[Exchange(kind="main", question="Who did you talk to?", answer=None)],
        skipped=True,
    )
    return [graded, skipped]


def _report(answer: str = ANSWER) -> dict:
    report = build_report(
        session_id="20261101-090000-abcd",
        created_at="2026-11-01T09:00:00+00:00",
        profile=_profile(),
        tone="shift",
        backend="openai",
        model="test-model",
        prompt_version=templates.prompt_version(),
        records=_records(answer),
        candidate_questions=[CandidateQuestion(question="How big is the team?", reply="Forty.")],
    )
    return report.model_dump(mode="json")


def _critique_system() -> list[Variables]:
    parts = tomllib.loads((templates.prompts_dir() / "guidance.toml").read_text("utf-8"))["parts"]
    bands = {"strong_from": 4.0, "adequate_from": 3.0}
    return [{"guidance": load_guidance(), "parts": parts, "advise_at_most": 3, **bands}]


def _critique_correction() -> list[Variables]:
    return [{"problem": "criteria.0.score: Input should be less than or equal to 5"}]


def _json_instruction() -> list[Variables]:
    return [{"schema_json": '{"type": "object"}'}]


def _decision_memo_system() -> list[Variables]:
    return [{}]


def _critique_request(**overrides: object) -> list[Variables]:
    variables = {
        "fence": _fence(),
        "profile": _profile(),
        "register": "formal",
        "earlier_answers": [EARLIER_ANSWER],
        "question": QUESTION,
        "answer": ANSWER,
    }
    return [variables | overrides]


def _critique_output() -> list[Variables]:
    names = {c.id: c.name for c in load_guidance().criteria}
    return [{"critique": _critique(), "names": names, "flag_meanings": FLAG_MEANINGS}]


def _score(criterion_id: str) -> int | None:
    return RESULTS.get(criterion_id, (None,))[0]


def _decision_memo() -> list[Variables]:
    critique = _critique()
    return [
        {
            "overall": critique.overall,
            "verdict": critique.verdict,
            "criteria": [{"name": c.name, "score": _score(c.id)} for c in load_guidance().criteria],
            "questions": [{"index": 1, "answer": ANSWER, "verdict": "strong", "overall": 4.0}],
            "fence": _fence(),
        }
    ]


def _executive_plan() -> list[Variables]:
    targets = [{"target": "has not managed managers before", "kind": "concern", "lacks": []}]
    targets += [{"target": "cloud cost control", "kind": "focus", "lacks": ["figure"]}]
    base = {"count": 5, "criterion_ids": CRITERION_IDS, "fence": _fence()}
    return [base | {"targets": []}, base | {"targets": targets}]


def _executive_system() -> list[Variables]:
    plan = [{"index": 1, "text": QUESTION, "aim": "why this candidate rather than the others"}]
    base = {
        "persona": "Dana Okafor, COO at Northwind Freight",
        "profile": _profile(),
        "guidance": load_guidance(),
        "fence": _fence(),
    }
    return [base | {"plan": plan}, base | {"plan": [], "profile": Profile()}]


def _executive_turn() -> list[Variables]:
    """One case per kind of turn, each with exactly what LLMExecutive passes for it."""
    extras = {
        "opening": {"candidate_name": "Sam Reyes"},
        "question": {"number": 2, "planned": QUESTION, "reacting": True},
        "follow_up": {"gap_description": GAP_DESCRIPTIONS["no_outcome"]},
        "shift": {},
        "closing": {},
        "reply": {},
        "farewell": {},
    }
    register = {"shift": "relaxed"}
    return [
        {"kind": kind, "register": register.get(kind, "formal"), "fence": _fence(), **extra}
        for kind, extra in extras.items()
    ]


def _profile_draft() -> list[Variables]:
    notes = ["Round one: they liked the migration story.", "HR: less sure about budgets."]
    full = {"fence": _fence(), "job": QUESTION, "cv": ANSWER, "notes": notes}
    return [full, full | {"job": "", "cv": "", "notes": []}]


def _report_output() -> list[Variables]:
    return [{"report": _report()}]


def _prep_output() -> list[Variables]:
    from interviewer.prep.build import build_brief
    from interviewer.prep.render import readable

    return [readable(build_brief(_profile()))]


def _prep_brief() -> list[Variables]:
    story = {
        "kind": "concern",
        "target": "leading leaders",
        "experience": None,
        "lacks": ["result"],
    }
    base = {"fence": _fence(), "profile": _profile()}
    return [base | {"areas": ["hiring"], "stories": [story]}, base | {"areas": [], "stories": []}]


def _prep_brief_system() -> list[Variables]:
    return [{"min_questions": 2, "max_questions": 3, "question_words": 40, "why_you_sentences": 6}]


SAMPLES: dict[str, Callable[[], list[Variables]]] = {
    "prep_brief.j2": _prep_brief,
    "prep_brief_system.j2": _prep_brief_system,
    "critique.md.j2": _critique_output,
    "critique.txt.j2": _critique_output,
    "critique_request.j2": _critique_request,
    "critique_system.j2": _critique_system,
    "critique_correction.j2": _critique_correction,
    "json_instruction.j2": _json_instruction,
    "decision_memo_system.j2": _decision_memo_system,
    "doctor_json.j2": lambda: [{}],
    "doctor_stream.j2": lambda: [{}],
    "decision_memo.j2": _decision_memo,
    "executive_plan.j2": _executive_plan,
    "executive_system.j2": _executive_system,
    "executive_turn.j2": _executive_turn,
    "profile_draft.j2": _profile_draft,
    "profile_draft_system.j2": lambda: [{"max_focus_areas": 6, "max_experiences": 8}],
    "report.html.j2": _report_output,
    "report.md.j2": _report_output,
    "prep.txt.j2": _prep_output,
    "prep.md.j2": _prep_output,
    "prep.html.j2": _prep_output,
    "report.summary.txt.j2": lambda: [{"report": _report(), "formats": ("markdown", "html")}],
}


def _render(name: str, variables: Variables) -> str:
    """Render as the project does: HTML through the escaping environment, the rest as plain text."""
    if name.endswith(".html.j2"):
        return templates.render_html(name, **variables)
    return templates.render(name, **variables)


def _declared(name: str) -> set[str]:
    """The variables a template reads from its caller, found by parsing its source.

    A name the template `{% set %}`s only in some branches is reported by jinja2.meta too (the
    compiler resolves it for the other branches); the template owns it, so it is left out."""
    env = templates.environment()
    tree = env.parse(env.loader.get_source(env, name)[0])
    return jinja2.meta.find_undeclared_variables(tree) - _assigned(tree)


def _assigned(tree: jinja2.nodes.Template) -> set[str]:
    targets = [node.target for node in tree.find_all(jinja2.nodes.Assign)]
    names = [t for t in targets if isinstance(t, jinja2.nodes.Name)]
    names += [n for t in targets for n in t.find_all(jinja2.nodes.Name)]
    return {n.name for n in names}


# --- samples cover every template and every variable -----------------------------------------


def test_every_template_has_a_sample():
    assert sorted(SAMPLES) == templates.template_names()


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_template_renders_with_its_samples(name):
    for variables in SAMPLES[name]():
        output = _render(name, variables)
        assert output.strip()
        assert "Undefined" not in output


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_samples_provide_exactly_the_declared_variables(name):
    """Every variable the template reads is supplied by some case, and no case carries a stale one."""
    declared = _declared(name)
    cases = SAMPLES[name]()
    assert declared or cases == [{}], "a template without variables has one empty sample"
    assert set().union(*cases) == declared
    for variables in cases:
        assert set(variables) <= declared


def _fails_without(name: str, variables: Variables, missing: str) -> bool:
    try:
        _render(name, {k: v for k, v in variables.items() if k != missing})
    except jinja2.UndefinedError:
        return True
    return False


@pytest.mark.parametrize("name", sorted(SAMPLES))
def test_each_declared_variable_is_required(name):
    """StrictUndefined turns a variable left out into an error, never a silent hole."""
    cases = SAMPLES[name]()
    for variable in sorted(_declared(name)):
        holders = [c for c in cases if variable in c]
        assert any(_fails_without(name, c, variable) for c in holders), (
            f"{name} renders without '{variable}' in every sample case"
        )


# --- the environments --------------------------------------------------------------------------


def test_prompt_environment_settings():
    env = templates.environment()
    assert env.undefined is jinja2.StrictUndefined
    assert env.autoescape is False
    assert env.trim_blocks and env.lstrip_blocks and env.keep_trailing_newline


def test_html_environment_escapes_and_is_strict():
    env = templates.html_environment()
    assert env.undefined is jinja2.StrictUndefined
    assert env.autoescape is True
    assert env.trim_blocks and env.lstrip_blocks


def test_block_tags_leave_no_blank_lines_and_the_final_newline_stays():
    source = "start\n    {% if flag %}\n  inside\n    {% endif %}\nend\n"
    output = templates.environment().from_string(source).render(flag=True)
    assert output == "start\n  inside\nend\n"


def test_prompts_are_not_html_escaped():
    (variables,) = _critique_request(question="How did R&D <team> take it?")
    output = templates.render("critique_request.j2", **variables)
    assert "How did R&D <team> take it?" in output
    assert "&amp;" not in output and "&lt;" not in output


def test_rendered_prompt_keeps_its_trailing_newline():
    source = (templates.prompts_dir() / "critique_request.j2").read_text(encoding="utf-8")
    (variables,) = _critique_request()
    output = templates.render("critique_request.j2", **variables)
    assert source.endswith("\n")
    assert output.endswith(source.splitlines()[-1] + "\n")


def test_html_report_escapes_candidate_text():
    script = "<script>alert(1)</script>"
    output = templates.render_html("report.html.j2", report=_report(f"{ANSWER} {script}"))
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in output
    assert "<script" not in output


def test_candidate_text_is_never_evaluated():
    answer = "{{ 7*7 }} {% if %}"
    (variables,) = _critique_request(answer=answer, fence=Fence(nonce="a1b2c3d5e6f70812"))
    output = templates.render("critique_request.j2", **variables)
    assert answer in output
    assert "49" not in output


# --- prompt_version ----------------------------------------------------------------------------

PROMPT_FILES = sorted(p.name for p in templates.prompts_dir().iterdir() if p.is_file())


def _clear_template_caches() -> None:
    templates.environment.cache_clear()
    templates.html_environment.cache_clear()
    templates.prompt_version.cache_clear()


@pytest.fixture
def prompts_copy(tmp_path) -> Iterator[Path]:
    """A writable copy of prompts/ that the templates module reads instead of the real one."""
    copy = tmp_path / "prompts"
    shutil.copytree(templates.prompts_dir(), copy)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr(templates, "prompts_dir", lambda: copy)
        _clear_template_caches()
        yield copy
    _clear_template_caches()


def test_prompt_version_is_stable_and_labelled():
    version = templates.prompt_version()
    assert version == templates.prompt_version()
    assert version.startswith(f"{templates.PROMPT_SERIES}-")
    assert re.fullmatch(r"p1-[0-9a-f]{10}", version)


def test_prompt_version_reads_the_patched_copy(prompts_copy):
    """The copy starts identical, so the label must too: proof the patch, not luck, is tested below."""
    original = templates.prompt_version()
    assert templates.prompts_dir() == prompts_copy
    (prompts_copy / "critique_system.j2").write_text("changed\n", encoding="utf-8")
    templates.prompt_version.cache_clear()
    assert templates.prompt_version() != original


@pytest.mark.parametrize("name", PROMPT_FILES)
def test_prompt_version_follows_prompts_not_output_templates(prompts_copy, name):
    before = templates.prompt_version()
    path = prompts_copy / name
    path.write_text(path.read_text(encoding="utf-8") + "\n# edited\n", encoding="utf-8")
    templates.prompt_version.cache_clear()
    after = templates.prompt_version()
    if templates.is_output_template(name):
        assert after == before
    else:
        assert after != before


def test_output_templates_include_the_report_html():
    assert templates.is_output_template("report.html.j2")
    assert not templates.is_output_template("critique_system.j2")


# --- the guidance pack -------------------------------------------------------------------------

PUBLIC_IDS = (
    "experience_evidence",
    "focused_and_pointed",
    "most_qualified",
    "priority_alignment",
    "first_round_gaps",
    "consistent_style",
    "follows_lead",
    "honest_preparation",
)
CRITERION_FIELDS = ("name", "summary", "level_1", "level_3", "level_5")


def _guidance_data() -> dict:
    return tomllib.loads((templates.prompts_dir() / "guidance.toml").read_text(encoding="utf-8"))


def test_guidance_defines_the_public_ids_in_order():
    ids = tuple(entry["id"] for entry in _guidance_data()["criteria"])
    assert ids == PUBLIC_IDS == CRITERION_IDS


@pytest.mark.parametrize("index", range(len(PUBLIC_IDS)))
def test_each_criterion_is_complete(index):
    data = _guidance_data()
    entry = data["criteria"][index]
    for field in CRITERION_FIELDS:
        assert isinstance(entry.get(field), str) and entry[field].strip(), field
    assert entry["part"] in data["parts"]
