"""`practice --from-prep`: the plan asks first about the prep brief's weakest points, the log keeps
that aim for resume and report, and a brief with nothing weak leaves the plan as it was."""

import json
import random
from pathlib import Path

import pytest

from interviewer.executive.question_bank import plan_questions
from interviewer.prep.aim import PrepAim, PrepTarget, aim_from_stories, aim_notice
from interviewer.prep.brief import Brief, StoryMatch
from interviewer.profile import load_profile
from interviewer.session.state import InterviewState
from tests.practice_helpers import STRONG, blocks, events_of, only_session, run

ROOT = Path(__file__).resolve().parent.parent
PROFILE = ROOT / "examples" / "platform-director.toml"
PLATFORM = load_profile(PROFILE)
BUDGET = "limited exposure to budget ownership"
MANAGERS = "has not managed managers before"
RELIABILITY = "reliability of the dispatch platform"
GROWING = "growing engineering managers"
COST = "cloud cost control"


def _story(target: str, kind: str, readiness: str, lacks=()) -> StoryMatch:
    experience = None if readiness == "missing" else "Led the move of 140 services to Kubernetes."
    return StoryMatch(
        target=target, kind=kind, experience=experience, lacks=tuple(lacks),
        readiness=readiness, advice="",
    )  # fmt: skip


def _brief(*stories: StoryMatch) -> Brief:
    return Brief(
        role=None, company=None, focus=(), stories=stories, ask_hr=(), ask_contacts=(),
        do_not_ask=(), keep=(), register=(), why_you="",
    )  # fmt: skip


WEAK_BRIEF = _brief(
    _story(COST, "focus", "ready"),
    _story(RELIABILITY, "focus", "thin", ["figure"]),
    _story(GROWING, "focus", "missing"),
    _story(MANAGERS, "concern", "missing"),
    _story(BUDGET, "concern", "thin", ["result", "figure"]),
)
WEAKEST = [MANAGERS, GROWING, BUDGET, RELIABILITY]  # missing before thin, concerns first


def _aim(brief: Brief = WEAK_BRIEF) -> PrepAim:
    return aim_from_stories(brief.weakest(), source="test")


def _brief_file(tmp_path: Path, brief: Brief = WEAK_BRIEF) -> Path:
    path = tmp_path / "brief.json"
    path.write_text(json.dumps(brief.to_dict()), encoding="utf-8")
    return path


# --- the plan ------------------------------------------------------------------------------------


@pytest.mark.parametrize("seed", range(8))
def test_the_weakest_targets_are_asked_first_in_order(seed):
    aim = _aim()
    plan = plan_questions(PLATFORM, 5, random.Random(seed), priorities=aim.priorities())
    assert [q.prep_targets for q in plan[:4]] == [(t,) for t in WEAKEST]
    assert plan[0].concern == MANAGERS and MANAGERS.split()[-2] in plan[0].text
    assert plan[1].focus_area == GROWING and plan[2].concern == BUDGET
    assert plan[3].focus_area == RELIABILITY
    assert not plan[4].prep_targets
    assert len({q.id for q in plan}) == 5


@pytest.mark.parametrize("seed", range(8))
def test_with_more_targets_than_questions_the_weakest_are_kept(seed):
    plan = plan_questions(PLATFORM, 2, random.Random(seed), priorities=_aim().priorities())
    assert [q.prep_targets for q in plan] == [(MANAGERS,), (GROWING,)]


def test_aimed_targets_are_not_asked_twice_and_the_rest_of_the_plan_follows():
    plan = plan_questions(PLATFORM, 8, random.Random(3), priorities=_aim().priorities())
    concerns = [q.concern for q in plan if q.concern]
    assert sorted(concerns) == sorted([MANAGERS, BUDGET])
    assert [q.focus_area for q in plan].count(GROWING) == 1
    assert any(q.id.startswith("differentiator") for q in plan[4:])


def test_without_priorities_the_plan_is_unchanged():
    for seed in range(5):
        plain = plan_questions(PLATFORM, 5, random.Random(seed))
        again = plan_questions(PLATFORM, 5, random.Random(seed), priorities=[])
        assert plain == again and not any(q.prep_targets for q in plain)


def test_a_doubt_about_manner_is_not_aimed_at():
    brief = _brief(_story("answers ran long", "concern", "missing"), _story(COST, "focus", "thin"))
    assert [t.target for t in _aim(brief).targets] == [COST]


def test_the_notice_names_the_targets_and_what_did_not_fit():
    aim = _aim()
    plan = plan_questions(PLATFORM, 3, random.Random(1), priorities=aim.priorities())
    notice = "\n".join(aim_notice(aim, plan))
    assert f"{MANAGERS} (round-one concern, no story yet)" in notice
    assert f"{BUDGET} (round-one concern, story thin: no result, no figure)" in notice
    assert f"Not reached in 3 questions (use --questions to add): {RELIABILITY}" in notice


def test_the_aim_survives_the_log_as_data():
    aim = _aim()
    assert PrepAim.from_dict(json.loads(json.dumps(aim.to_dict()))) == aim
    assert aim.targets[2] == PrepTarget(
        target=BUDGET, kind="concern", readiness="thin", lacks=("result", "figure")
    )


# --- the CLI, offline ------------------------------------------------------------------------------


def _practice(*extra: str, answers: int = 3, input_: str | None = None):
    args = ["practice", "--profile", str(PROFILE), "--questions", "3", "--max-follow-ups", "0"]
    return run(*args, "--seed", "2", *extra, input=input_ or blocks(*[STRONG] * answers, ""))


def test_practice_from_a_saved_brief_aims_and_logs_it(tmp_path):
    result = _practice("--from-prep", "--brief", str(_brief_file(tmp_path)))
    assert result.exit_code == 0, result.output
    assert "Aimed from your prep brief" in result.stderr
    assert f"{MANAGERS} (round-one concern, no story yet)" in result.stderr
    log = only_session()
    started = events_of(log, "session_started")[0]
    assert [t["target"] for t in started["prep"]["targets"]] == WEAKEST
    planned = events_of(log, "plan")[0]["questions"]
    assert [q["prep_targets"] for q in planned] == [[MANAGERS], [GROWING], [BUDGET]]
    state = InterviewState.from_events(log.events)
    assert state.prep == PrepAim.from_dict(started["prep"])
    assert state.questions[1].planned.prep_targets == (GROWING,)


def test_without_the_flag_nothing_is_aimed_or_logged():
    assert _practice().exit_code == 0
    log = only_session()
    assert "prep" not in events_of(log, "session_started")[0]
    assert "Aimed from your prep brief" not in _practice().stderr


def test_resume_keeps_the_aim(tmp_path):
    brief = str(_brief_file(tmp_path))
    first = _practice("--from-prep", "--brief", brief, "--pause-on-eof", input_=blocks(STRONG))
    assert "Continue with: interviewer resume" in first.stderr
    log = only_session()
    plan = events_of(log, "plan")[0]["questions"]
    again = run("resume", log.session_id, input=blocks(STRONG, STRONG, ""))
    assert again.exit_code == 0, again.output
    assert f"{GROWING} (focus area, no story yet)" in again.stderr
    state = InterviewState.from_events(only_session().events)
    assert [q.planned.prep_targets for q in state.questions] == [
        tuple(q["prep_targets"]) for q in plan
    ]
    assert state.prep is not None and [t.target for t in state.prep.targets] == WEAKEST


def test_a_brief_with_nothing_weak_says_so_and_plans_as_usual(tmp_path):
    ready = _brief(_story(COST, "focus", "ready"), _story(MANAGERS, "concern", "ready"))
    aimed = _practice("--from-prep", "--brief", str(_brief_file(tmp_path, ready)))
    assert aimed.exit_code == 0, aimed.output
    assert "it found nothing weak" in aimed.stderr
    plain = _practice()
    assert plain.exit_code == 0
    from interviewer.session.log import list_sessions, load_transcript

    plans = [
        [q["id"] for q in events_of(load_transcript(s.session_id), "plan")[0]["questions"]]
        for s in list_sessions()
    ]
    assert len(plans) == 2 and plans[0] == plans[1]


def test_an_old_log_without_the_aim_still_loads():
    plan = plan_questions(PLATFORM, 2, random.Random(0))
    question = {k: v for k, v in plan[0].__dict__.items() if k != "prep_targets"}
    events = [
        {
            "type": "session_started", "at": "2026-01-01T00:00:00+00:00", "session_id": "old",
            "profile": {}, "options": {"questions": 1}, "backend": "offline",
        },
        {"type": "plan", "at": "2026-01-01T00:00:01+00:00", "questions": [question]},
    ]  # fmt: skip
    state = InterviewState.from_events(events)
    assert state.prep is None and state.questions[0].planned.prep_targets == ()


@pytest.mark.parametrize(
    ("args", "said"),
    [
        (["--brief", "x.json"], "--brief is read only with --from-prep"),
        (["--from-prep", "--brief", "missing.json"], "brief missing.json: no such file"),
    ],
)
def test_bad_prep_flags_get_one_line(args, said):
    result = run("practice", "--profile", str(PROFILE), *args, input="")
    assert result.exit_code == 2
    assert said in result.stderr and "Traceback" not in result.output
    assert len(result.stderr.strip().splitlines()) == 1


def test_a_file_that_is_not_a_brief_gets_one_line(tmp_path):
    path = tmp_path / "brief.json"
    path.write_text('{"stories": [{"target": "x"}]}', encoding="utf-8")
    result = run("practice", "--profile", str(PROFILE), "--from-prep", "--brief", str(path))
    assert result.exit_code == 2
    assert "not a prep brief" in result.stderr


def test_from_prep_needs_a_profile_or_a_brief():
    result = run("practice", "--from-prep", input="")
    assert result.exit_code == 2 and "add --profile PATH" in result.stderr


# --- the LLM executive ----------------------------------------------------------------------------


def _llm_practice(llm_env, tmp_path, asks_targets: int):
    from interviewer.guidance import CRITERION_IDS
    from tests.fake_llm_brain import Brain

    brain = Brain(asks_targets=asks_targets, scored=CRITERION_IDS)
    llm_env.responder = brain
    args = ["--from-prep", "--brief", str(_brief_file(tmp_path)), "--questions", "4"]
    result = run(
        "practice", "--profile", str(PROFILE), *args, "--max-follow-ups", "0",
        input=blocks(*[STRONG] * 4, ""),
    )  # fmt: skip
    assert result.exit_code == 0, result.output
    plan_request = next(
        r for r in llm_env.chat_requests() if "draft your private plan" in str(r["messages"])
    )
    return result, plan_request, only_session()


def test_the_llm_plan_is_told_the_targets_fenced_and_asks_them_first(llm_env, tmp_path):
    result, request, log = _llm_practice(llm_env, tmp_path, asks_targets=4)
    prompt = request["messages"][-1]["content"]
    assert "<<<BEGIN TARGET " in prompt and f" {MANAGERS} <<<END TARGET " in prompt
    planned = events_of(log, "plan")[0]["questions"]
    assert [q["prep_targets"] for q in planned] == [[t] for t in WEAKEST]
    assert all(q["id"].startswith("llm-") for q in planned)
    assert "left out" not in result.stderr
    report = json.loads(run("report", log.session_id, "--format", "json").stdout)
    said = {t["target"]: t["status"] for t in report["prep"]["targets"]}
    # graded 4 everywhere by the model; STRONG speaks to reliability, not to managing managers
    assert said == {MANAGERS: "thin", GROWING: "thin", BUDGET: "ready", RELIABILITY: "ready"}
    assert "Your prep, tested: 2 of 4 ready" in result.stdout


def test_targets_the_llm_plan_leaves_out_are_asked_from_the_bank(llm_env, tmp_path):
    result, _request, log = _llm_practice(llm_env, tmp_path, asks_targets=1)
    planned = events_of(log, "plan")[0]["questions"]
    assert [q["prep_targets"] for q in planned] == [[t] for t in WEAKEST]
    assert planned[0]["id"].startswith("llm-")
    assert not any(q["id"].startswith("llm-") for q in planned[1:])
    assert "left out 3 of the prep brief's weak points" in result.stderr
    assert events_of(log, "session_started")[0]["backend"] == "openai"


# --- the report: what the rehearsal showed ---------------------------------------------------------

MANAGERS_ANSWER = (
    "At Lumen Retail in 2022 I promoted two senior engineers to team leads and managed them as their "
    "manager: I coached each of them weekly for six months and ran their reviews myself. As a result "
    "both now run groups of five engineers without me, and attrition in their teams fell from 20% to 5%."
)
VAGUE_ANSWER = "I think we did a lot of things there and it was generally good."


def _critique(answer: str, scores: dict[str, int | None], overall: float | None = 4.0):
    from interviewer.contract import Critique

    criteria = [
        {"id": cid, "score": score, "suggestion": f"fix {cid}" if score and score < 4 else ""}
        for cid, score in scores.items()
    ]
    verdict = "insufficient" if overall is None else "strong"
    return Critique.model_validate(
        {
            "question": "q", "answer": answer, "overall": overall, "verdict": verdict,
            "criteria": criteria, "grader": {"backend": "offline", "prompt_version": "t"},
        }
    )  # fmt: skip


def _record(index: int, answer: str | None, critique=None, skipped: bool = False):
    from interviewer.report.records import Exchange, QuestionRecord

    exchange = Exchange(kind="main", question=f"question {index}?", answer=answer)
    return QuestionRecord(
        index=index, question_id=f"q{index}", focus_area=None, exchanges=[exchange],
        skipped=skipped, critique=critique,
    )  # fmt: skip


def _tested(records, count: int = 4):
    from interviewer.report.prep_tested import prep_tested

    aim = _aim()
    plan = plan_questions(PLATFORM, count, random.Random(0), priorities=aim.priorities())
    return prep_tested(aim, plan, records)


def test_ready_needs_4_on_evidence_and_on_the_targets_criterion():
    strong = _critique(MANAGERS_ANSWER, {"experience_evidence": 5, "first_round_gaps": 4})
    short = _critique(MANAGERS_ANSWER, {"experience_evidence": 5, "first_round_gaps": 3})
    assert _tested([_record(1, MANAGERS_ANSWER, strong)]).targets[0].status == "ready"
    row = _tested([_record(1, MANAGERS_ANSWER, short)]).targets[0]
    assert row.status == "thin" and row.missing == ["fix first_round_gaps"]
    assert row.scores == {"experience_evidence": 5, "first_round_gaps": 3}


def test_a_focus_area_is_judged_on_priority_alignment():
    scores = {"experience_evidence": 4, "first_round_gaps": 5, "priority_alignment": 2}
    answer = "I grew two engineering managers at Lumen Retail; both now run teams of six."
    row = _tested([_record(2, answer, _critique(answer, scores))]).targets[1]
    assert (row.target, row.status, row.missing) == (GROWING, "thin", ["fix priority_alignment"])


def test_a_strong_answer_about_something_else_does_not_make_the_target_ready():
    answer = (
        "At Lumen Retail I cut the AWS bill by 22% in two quarters by moving batch jobs myself."
    )
    strong = _critique(answer, {"experience_evidence": 5, "first_round_gaps": 5})
    row = _tested([_record(1, answer, strong)]).targets[0]
    assert row.status == "thin" and f"never spoke to '{MANAGERS}'" in row.missing[0]


def test_skipped_unreached_ungraded_and_too_thin_are_said_as_such():
    ungraded = _critique(MANAGERS_ANSWER, {"experience_evidence": None}, overall=None)
    ungraded = ungraded.model_copy(update={"verdict": "ungraded"})
    thin = _critique("no idea", {"experience_evidence": None}, overall=None)
    records = [
        _record(1, None, skipped=True),
        _record(2, MANAGERS_ANSWER, ungraded),
        _record(3, "no idea", thin),
    ]
    rows = _tested(records).targets
    assert [r.status for r in rows] == ["skipped", "not_graded", "thin", "not_reached"]
    assert "too thin to grade" in rows[2].missing[0]
    assert _tested(records, count=3).unaimed == [RELIABILITY]


def test_the_report_says_it_in_every_format(tmp_path):
    answers = blocks(MANAGERS_ANSWER, VAGUE_ANSWER)
    result = _practice("--from-prep", "--brief", str(_brief_file(tmp_path)), input_=answers)
    assert result.exit_code == 0, result.output
    summary = f"Your prep, tested: 1 of 3 ready. Still thin: {GROWING}. Not tested: {BUDGET}."
    assert summary in result.stdout
    session = only_session().session_id
    data = json.loads(run("report", session, "--format", "json").stdout)["prep"]
    statuses = [(t["target"], t["question_index"], t["status"]) for t in data["targets"]]
    assert statuses == [(MANAGERS, 1, "ready"), (GROWING, 2, "thin"), (BUDGET, 3, "not_reached")]
    assert data["unaimed"] == [RELIABILITY] and data["targets"][1]["missing"]
    markdown = run("report", session).stdout
    assert "## Your prep, tested" in markdown
    assert f"**{GROWING}** (focus area), question 2: **still thin**" in markdown
    assert f"- Missing: {data['targets'][1]['missing'][0]}"[:60] in markdown
    assert "not reached: the interview ended first" in markdown
    html = run("report", session, "--format", "html").stdout
    assert "<h2>Your prep, tested</h2>" in html and "still thin" in html


def test_a_report_of_an_unaimed_session_has_no_prep_section():
    assert _practice().exit_code == 0
    session = only_session().session_id
    assert json.loads(run("report", session, "--format", "json").stdout)["prep"] is None
    assert "Your prep, tested" not in run("report", session).stdout


def test_a_brief_with_nothing_weak_is_said_in_the_report(tmp_path):
    ready = _brief(_story(COST, "focus", "ready"))
    result = _practice("--from-prep", "--brief", str(_brief_file(tmp_path, ready)))
    assert "Your prep, tested: your brief found nothing weak" in result.stdout
    assert "found nothing weak" in run("report", only_session().session_id).stdout


# --- the brief built offline from the profile --------------------------------------------------------


def test_from_prep_builds_the_offline_brief_and_a_saved_one_aims_the_same(tmp_path):
    from interviewer.prep.build import build_brief

    weakest = [s.target for s in build_brief(PLATFORM).weakest()]
    assert weakest  # the example profile has weak stories to aim at
    built = _practice("--from-prep")
    assert built.exit_code == 0, built.output
    saved = tmp_path / "brief.json"
    assert (
        run("prep", "--profile", str(PROFILE), "--format", "json", "-o", str(saved)).exit_code == 0
    )
    again = _practice("--from-prep", "--brief", str(saved))
    assert again.exit_code == 0, again.output
    from interviewer.session.log import list_sessions, load_transcript

    logs = [load_transcript(s.session_id) for s in list_sessions()]  # same second: any order
    logs.sort(key=lambda log: events_of(log, "session_started")[0]["prep"]["source"] != "profile")
    aims = [events_of(log, "session_started")[0]["prep"] for log in logs]
    assert [t["target"] for t in aims[0]["targets"]] == weakest
    assert aims[0]["source"] == "profile" and aims[1]["source"] == str(saved)
    assert aims[0]["targets"] == aims[1]["targets"]
    plans = [[q["prep_targets"] for q in events_of(log, "plan")[0]["questions"]] for log in logs]
    assert plans[0] == plans[1] == [[t] for t in weakest[:3]]
