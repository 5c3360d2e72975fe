"""Whole interviews against an OpenAI-compatible server on 127.0.0.1, through the CLI."""

import threading

import pytest

from tests.fake_llm_brain import Brain
from tests.practice_helpers import STRONG, VAGUE, blocks, events_of, only_session, run

QUESTION_ONE = "Tell me about cost control: what did you do and what changed?"
STRONG_ON_COST = (
    "On cost control: at Lumen Retail in 2023 I personally led the review of our cloud spend. I moved "
    "batch jobs to spot instances and set a budget per team. As a result the bill fell 22% in two "
    "quarters, and that changed how we plan capacity."
)


@pytest.fixture
def brain(llm_env):
    brain = Brain()
    llm_env.responder = brain
    return brain


def test_a_full_interview_over_http_streams_turns_and_reports(brain, llm_env):
    result = run(
        "practice",
        "--questions",
        "2",
        input=blocks(STRONG_ON_COST, STRONG, "What comes first?", "no"),
    )
    assert result.exit_code == 0, result.output
    log = only_session()
    assert events_of(log, "session_started")[0]["backend"] == "openai"
    assert [q["text"] for q in events_of(log, "question")][0] == QUESTION_ONE
    assert len(events_of(log, "critique")) == 2
    assert all(c["critique"]["grader"]["backend"] == "openai" for c in events_of(log, "critique"))
    assert events_of(log, "executive_reply")[0]["text"].startswith("Honestly")
    assert events_of(log, "report")[0]["report"]["memo"]["author"] == "openai"
    streamed = [r for r in llm_env.chat_requests() if r.get("stream")]
    assert len(streamed) >= 5  # opening, two questions, closing, reply, farewell
    assert "offline executive" not in result.stderr
    assert "aim 0" not in result.output  # the plan stays hidden


def test_follow_up_after_vague_answer_but_not_after_strong(brain):
    run(
        "practice",
        "--questions",
        "2",
        "--max-follow-ups",
        "1",
        input=blocks(VAGUE, VAGUE, STRONG_ON_COST, "no"),
    )
    log = only_session()
    assert [f["index"] for f in events_of(log, "follow_up")] == [1]
    run("practice", "--questions", "1", input=blocks(STRONG_ON_COST, "no"))


def test_praise_and_second_questions_never_reach_the_candidate(brain):
    brain.turn_prefix = "Great answer! That's really impressive. "
    brain.turn_suffix = " And how would your team describe you?"
    result = run("practice", "--questions", "2", input=blocks(VAGUE, VAGUE, VAGUE, STRONG, "no"))
    log = only_session()
    turns = events_of(log, "question") + events_of(log, "follow_up")
    assert turns
    for turn in turns:
        assert turn["text"].count("?") == 1 and "Great answer" not in turn["text"]
    assert "impressive" not in result.stdout.split("# ")[0]
    assert "how would your team describe you" not in result.stdout


def test_a_slow_grader_does_not_delay_the_next_question(brain, llm_env):
    """The grade is held back until question 2 has been requested: a handshake, not a sleep.
    Had the engine waited for the grade before asking, the hold would run out first."""
    timeline: list[str] = []
    lock = threading.Lock()
    next_question_asked = threading.Event()
    original = brain.__call__

    def responder(body):
        kind = (
            "grade" if body["messages"][0]["content"].startswith("You assess answers") else "other"
        )
        number = _question_number(body)
        with lock:
            timeline.append(f"{kind}-received:{number}")
        if kind == "other" and number == "2":
            next_question_asked.set()
        reply = original(body)
        if kind == "grade":
            released = next_question_asked.wait(timeout=10)
            with lock:
                timeline.append("grade-replied" if released else "grade-replied-after-timeout")
        return reply

    llm_env.responder = responder
    result = run(
        "practice",
        "--questions",
        "2",
        "--max-follow-ups",
        "0",
        input=blocks(STRONG_ON_COST, STRONG, "no"),
    )
    assert result.exit_code == 0, result.output
    assert "grade-received:-" in timeline
    assert "grade-replied-after-timeout" not in timeline
    assert timeline.index("other-received:2") < timeline.index("grade-replied")


def _question_number(body) -> str:
    note = body["messages"][-1]["content"]
    marker = "Ask question "
    return note.split(marker, 1)[1].split(" ", 1)[0] if marker in note else "-"


def test_grader_failures_never_stop_the_interview(llm_env):
    brain = Brain()

    def responder(body):
        if body["messages"][0]["content"].startswith("You assess answers"):
            from tests.llm_server import Reply

            return Reply.text("I would rather chat than emit JSON.")
        return brain(body)

    llm_env.responder = responder
    result = run(
        "practice", "--questions", "1", "--max-follow-ups", "0", input=blocks(STRONG_ON_COST, "no")
    )
    assert result.exit_code == 0, result.output
    critique = events_of(only_session(), "critique")[0]["critique"]
    assert critique["verdict"] == "ungraded" and critique["overall"] is None


def test_an_endpoint_failure_mid_interview_pauses_with_one_line(brain, llm_env):
    from tests.llm_server import Reply

    calls = {"n": 0}

    def responder(body):
        calls["n"] += 1
        if body.get("stream") and calls["n"] > 3:
            return Reply.failure(500, "upstream exploded")
        return brain(body)

    llm_env.responder = responder
    result = run(
        "practice",
        "--questions",
        "3",
        "--max-follow-ups",
        "0",
        input=blocks(STRONG_ON_COST, STRONG, STRONG),
    )
    assert result.exit_code == 3
    assert "interviewer resume" in result.stderr and "Traceback" not in result.output
    log = only_session()
    assert events_of(log, "paused")[0]["reason"] == "endpoint_error"
    assert events_of(log, "answer")[0]["text"] == STRONG_ON_COST


def test_a_small_context_window_summarises_old_turns_and_keeps_the_system_prompt(brain, llm_env):
    long_answer = (
        STRONG_ON_COST
        + " "
        + " ".join(["More detail on the rollout and the people involved."] * 25)
    )
    result = run(
        "practice",
        "--questions",
        "5",
        "--max-follow-ups",
        "0",
        "--context-tokens",
        "2600",
        input=blocks(*[long_answer] * 5, "no"),
    )
    assert result.exit_code == 0, result.output
    turns = [r for r in llm_env.chat_requests() if r.get("stream")]
    systems = [r["messages"][0]["content"] for r in turns[1:]]
    stable = min(systems, key=len)
    assert "Your private plan" in stable
    assert all(system.startswith(stable) for system in systems)  # byte-identical prefix, every turn
    assert any("Summary of the earlier interview" in system for system in systems)


def test_the_candidate_text_reaches_the_model_literally(brain, llm_env):
    answer = STRONG_ON_COST + " My formula was {{ 7*7 }} and {% raw %}."
    run("practice", "--questions", "1", "--max-follow-ups", "0", input=blocks(answer, "no"))
    sent = "\n".join(m["content"] for r in llm_env.chat_requests() for m in r["messages"])
    assert answer in sent  # verbatim: nothing in it was evaluated as a template
    assert "My formula was 49" not in sent


def test_an_unknown_model_fails_before_any_session_is_created(llm_env):
    from interviewer.session.log import list_sessions

    result = run("practice", "--model", "no-such-model", input=blocks(STRONG))
    assert result.exit_code == 3
    assert "test-model" in result.stderr and "Traceback" not in result.output
    assert list_sessions() == []


def test_a_finished_session_cannot_be_resumed(brain):
    run("practice", "--questions", "1", "--max-follow-ups", "0", input=blocks(STRONG_ON_COST, "no"))
    session_id = only_session().session_id
    result = run("resume", session_id)
    assert result.exit_code == 1
    assert f"interviewer report {session_id}" in result.stderr and result.stderr.count("\n") == 1
