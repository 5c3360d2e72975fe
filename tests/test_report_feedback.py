"""Issue 9, the report's side: feedback that says what to change, each quoted problem reproduced."""

import json
import re
from pathlib import Path

from interviewer.contract import CriterionResult, Critique, Flag
from interviewer.guidance import CRITERION_IDS
from interviewer.profile import Profile
from interviewer.report.aggregate import build_report
from interviewer.report.records import Exchange, QuestionRecord, Report
from interviewer.report.render import render_html, render_markdown, render_summary
from tests.llm_server import Reply
from tests.practice_helpers import blocks, only_session, run
from tests.samples import critique_from

EXAMPLES = Path(__file__).resolve().parent.parent / "examples"
SALES = str(EXAMPLES / "sales-manager.toml")
WEAK_ANSWERS = (
    "I have a lot of energy and I am a people person.",
    "Sorry, I'm not sure what you mean.",
    "We closed some good deals last year and the team was great.",
    "I think we did a lot of things there and it was generally good.",
    "I'm a hard worker and a team player. I'm passionate about sales.",
)
QUESTION = "Tell me about a result you are proud of."
STRONG = (
    "At Lumen Retail in 2023 I moved batch jobs to spot instances and set a budget per team. "
    "The AWS bill fell 22% in two quarters."
)
WEAK = "I am a hard worker and I get along with everybody."


def _weak_interview() -> tuple[str, dict]:
    """A whole offline interview of weak answers; its terminal output and its saved report."""
    answers = blocks(*WEAK_ANSWERS, "no")
    result = run("practice", "-p", SALES, "--seed", "3", "--max-follow-ups", "0", input=answers)
    assert result.exit_code == 0, result.output
    report = run("report", only_session().session_id, "--format", "json")
    return result.stdout, json.loads(report.stdout)


def _record(index: int, answer: str, scores: dict[str, tuple]) -> QuestionRecord:
    return QuestionRecord(
        index=index,
        question_id=f"q{index}",
        focus_area=None,
        exchanges=[Exchange(kind="main", question=QUESTION, answer=answer)],
        critique=critique_from(QUESTION, answer, scores),
    )


def _report(records: list[QuestionRecord], profile: Profile | None = None) -> Report:
    return build_report(
        session_id="20261127-100000-abcd",
        created_at="2026-11-27T10:00:00+00:00",
        profile=profile or Profile(role="Head of Sales", company="Brightwater"),
        tone="formal",
        backend="offline",
        model=None,
        prompt_version="p1-test",
        records=records,
        candidate_questions=[],
    )


# --- strongest moments: substance, not tone ---------------------------------------------------


def test_a_weak_interview_has_no_tone_match_among_its_strongest_moments():
    """Issue 9: "Sorry, I'm not sure what you mean." was a strongest moment."""
    _, report = _weak_interview()
    quotes = [m["quote"] for m in report["strongest"]]
    assert not any("Sorry" in q or "good deals" in q for q in quotes), quotes


def test_a_moment_with_the_candidates_own_result_beats_tone():
    polite = "Thank you, that is a fair question and I am glad you asked it."
    records = [
        _record(1, polite, {"follows_lead": (5, [polite], "Courteous.", "")}),
        _record(2, STRONG, {"experience_evidence": (4, ["The AWS bill fell 22%"], "Real.", "")}),
    ]
    strongest = _report(records).strongest
    assert [m.question_index for m in strongest] == [2]


# --- fix these first ----------------------------------------------------------------------------


def test_three_fixes_when_there_is_material_for_three():
    """Issue 9: two fixes were given where three were promised."""
    _, report = _weak_interview()
    assert len(report["fixes"]) == 3
    assert len({(f["question_index"], f["criterion"]) for f in report["fixes"]}) == 3


def test_a_concern_answered_well_elsewhere_is_not_a_fix():
    """Issue 9: "Fix these first" pointed at a round-one concern answered at 4/5 elsewhere."""
    records = [
        _record(1, STRONG, {"first_round_gaps": (4, ["The AWS bill fell 22%"], "Met.", "")}),
        _record(
            2,
            WEAK,
            {
                "first_round_gaps": (1, [], "Unanswered.", "Meet the concern."),
                "experience_evidence": (2, [], "No episode.", "Tell one time."),
                "focused_and_pointed": (3, [], "Generic.", "Answer first."),
                "follows_lead": (3, [], "Loose.", "Tighten it."),
            },
        ),
    ]
    fixes = _report(records).fixes
    assert len(fixes) == 3
    assert "first_round_gaps" not in [f.criterion for f in fixes]


def test_fixes_are_ranked_by_how_much_they_would_lift_the_outcome():
    scores = {
        "follows_lead": (3, [], "Loose.", "Tighten it."),
        "experience_evidence": (1, [], "No episode at all.", "Tell one time."),
        "consistent_style": (2, [], "Drifts.", "Keep the figures straight."),
    }
    fixes = _report([_record(1, WEAK, scores)]).fixes
    assert [f.criterion for f in fixes] == [
        "experience_evidence",  # 1 on a central criterion: the largest gain
        "consistent_style",  # 2
        "follows_lead",  # 3
    ]


# --- suggestions in the report -----------------------------------------------------------------


def test_no_try_line_under_a_criterion_that_scored_4_or_more():
    """Issue 9: 32 "Try:" lines in one report, shown even under 5/5."""
    scores = {
        cid: (5, [STRONG[:40]], "Good.", "Stock advice for everyone.") for cid in CRITERION_IDS
    }
    scores["follows_lead"] = (3, [STRONG[:40]], "Loose.", "Cut the second sentence.")
    markdown = render_markdown(_report([_record(1, STRONG, scores)]))
    assert "Stock advice for everyone." not in markdown
    assert markdown.count("Try:") == 1 and "Try: Cut the second sentence." in markdown


def test_a_weak_interviews_report_has_no_stock_line_repeated():
    _, report = _weak_interview()
    suggestions = [
        r["suggestion"]
        for q in report["questions"]
        for r in q["critique"]["criteria"]
        if r["suggestion"]
    ]
    assert suggestions and len(set(suggestions)) == len(suggestions), suggestions


# --- the terminal summary ----------------------------------------------------------------------


def test_practice_ends_with_a_short_summary_and_the_command_for_the_full_report():
    """Issue 9: the terminal report was about 250 lines of raw markdown."""
    stdout, report = _weak_interview()
    summary = stdout[stdout.index("Your interview") :]
    assert len(summary.splitlines()) <= 40
    assert "##" not in summary and "**" not in summary
    assert report["memo"]["headline"] in summary
    for number in (1, 2, 3):
        assert f"\n  {number}. " in summary
    assert f"interviewer report {report['session_id']} --format markdown|html|json" in summary


def test_the_full_report_is_one_command_away():
    _weak_interview()
    sid = only_session().session_id
    for fmt, marker in (("markdown", "## Question by question"), ("html", "<!doctype html>")):
        result = run("report", sid, "--format", fmt)
        assert result.exit_code == 0 and marker.lower() in result.stdout.lower()


# --- long answers are excerpts ----------------------------------------------------------------


def test_a_2mb_answer_is_an_excerpt_in_every_report_format():
    """Issue 9: a 2 MB answer was printed whole in the report."""
    huge = STRONG + " " + ("And then I kept talking about the rota. " * 52_000)
    assert len(huge) > 2_000_000
    record = _record(1, huge, {"experience_evidence": (4, ["The AWS bill fell 22%"], "Ok.", "")})
    report = _report([record])
    for rendered in (render_markdown(report), render_html(report), render_summary(report)):
        assert len(rendered) < 30_000
    assert "more characters not shown" in render_markdown(report)


# --- the memo and its punctuation --------------------------------------------------------------


def test_an_advancing_memo_claims_why_you_only_when_it_was_tested():
    """Issue 9: "you showed me why you" beside "no answer tested directly why you"."""
    scores = {
        cid: (5, ["The AWS bill fell 22%"], "Strong.", "")
        for cid in CRITERION_IDS
        if cid != "most_qualified"
    }
    memo = _report([_record(i, STRONG, scores) for i in (1, 2, 3)]).memo
    assert memo.advance
    text = " ".join([memo.headline, *memo.reasons])
    assert "No answer tested directly why you" in text
    assert "showed me why you" not in text


def test_no_doubled_punctuation_around_quotes():
    """Issue 9: `early.".` and `result.; Answers`."""
    stdout, report = _weak_interview()
    markdown = run("report", report["session_id"], "--format", "markdown").stdout
    scores = {"experience_evidence": (2, [], "Thin.", "Say more.")}
    critique = critique_from(QUESTION, WEAK, scores)
    critique = critique.model_copy(
        update={"strengths": ["Ties a concrete result", "Answers the question early."]}
    )
    record = _record(1, WEAK, scores).model_copy(update={"critique": critique})
    for text in (stdout, markdown, render_markdown(_report([record]))):
        assert not re.search(r'[.!?]"[.,;]|[.!?];', text), re.search(
            r'.{40}[.!?]"?[.,;].{10}', text
        )


# --- nothing graded -----------------------------------------------------------------------------


def _ungraded(index: int) -> QuestionRecord:
    critique = Critique(
        question=QUESTION,
        answer=WEAK,
        overall=None,
        verdict="ungraded",
        criteria=[CriterionResult(id=i) for i in CRITERION_IDS],
        flags=[Flag.GRADER_FAILED],
        grader=critique_from(QUESTION, WEAK, {}).grader,
    )
    return _record(index, WEAK, {}).model_copy(update={"critique": critique})


def test_with_nothing_graded_the_report_says_so_plainly():
    """Issue 9: with nothing graded it said "Nothing scored 3 or lower. Keep doing what you did."."""
    report = _report([_ungraded(1), _ungraded(2)])
    for text in (render_markdown(report), render_html(report), render_summary(report)):
        assert "Keep doing what you did" not in text
        assert "Nothing was graded" in text


def test_a_batch_where_nothing_is_graded_exits_non_zero_with_one_line(llm_env):
    llm_env.responder = lambda body: Reply.text("A solid answer, I'd say 4/5.")  # never JSON
    lines = [json.dumps({"id": i, "question": QUESTION, "answer": STRONG}) for i in (1, 2)]
    result = run("critique", "--input", "-", input="\n".join(lines) + "\n")
    assert result.exit_code != 0
    errors = [line for line in result.stderr.splitlines() if line.startswith("Error:")]
    assert len(errors) == 1 and "none of the 2 answers could be graded" in errors[0]
    written = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [r["verdict"] for r in written] == ["ungraded", "ungraded"]  # still written
    assert "Traceback" not in result.output


def test_a_batch_with_one_graded_answer_still_succeeds(llm_env):
    valid = {
        "criteria": [
            {"id": cid, "score": 4, "evidence": ["The AWS bill fell 22%"], "comment": "Ok.",
             "suggestion": ""}
            for cid in CRITERION_IDS
        ],
        "strengths": ["Concrete."],
        "improvements": [],
        "improved_answer": None,
        "verdict": "strong",
    }  # fmt: skip
    prose = Reply.text("Fine, 4/5.")
    llm_env.enqueue(prose, prose, Reply.json(valid))  # item 1 ungraded, item 2 graded
    lines = [json.dumps({"id": i, "question": QUESTION, "answer": STRONG}) for i in (1, 2)]
    result = run("critique", "--input", "-", "--jobs", "1", input="\n".join(lines) + "\n")
    assert result.exit_code == 0, result.output
    written = [json.loads(line) for line in result.stdout.strip().splitlines()]
    assert [r["verdict"] for r in written] == ["ungraded", "strong"]


def test_each_answer_gets_at_most_three_suggestions_the_lowest_first():
    scores = {
        cid: (score, [], "Weak.", f"Change {cid}.")
        for cid, score in zip(CRITERION_IDS, (3, 2, 1, 3, 2, 3, 3, 3), strict=True)
    }
    markdown = render_markdown(_report([_record(1, WEAK, scores)]))
    shown = re.findall(r"Try: Change (\w+)\.", markdown)
    assert sorted(shown) == sorted(["most_qualified", "focused_and_pointed", "first_round_gaps"])


def test_a_follow_ups_reason_is_words_not_a_code():
    record = _record(1, WEAK, {"experience_evidence": (2, [], "Thin.", "Say more.")})
    record.exchanges.append(
        Exchange(kind="follow_up", question="And the result?", answer="Fine.", gap="no_outcome")
    )
    markdown = render_markdown(_report([record]))
    assert "Asked because: the answer described what they did but never said how" in markdown
    assert "no_outcome" not in markdown
