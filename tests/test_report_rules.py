"""Rules the report shares with the rest of the package, each decided in one place (issue 6)."""

import pytest

from interviewer.contract import GraderInfo
from interviewer.executive.llm import LLMExecutive
from interviewer.executive.question_bank import PlannedQuestion
from interviewer.grading.grounding import ground_criteria
from interviewer.guidance import CRITERION_IDS
from interviewer.llm.client import Endpoint, LLMClient
from interviewer.llm.endpoint_memory import EndpointMemory
from interviewer.profile import Profile
from interviewer.report.aggregate import build_report
from interviewer.report.memo import meets_advance_bar
from interviewer.report.records import Exchange, QuestionRecord, Report
from interviewer.session.state import FollowUp, QuestionState
from tests.llm_server import Reply
from tests.samples import critique_from

GRADER = GraderInfo(backend="openai", model="test-model", prompt_version="p1-test")
QUESTION = "Tell me about the outage you are proudest of handling."
ANSWER = (
    "In March 2023 our payments cluster went down during peak season. I took incident command "
    "and we restored service in 47 minutes."
)


def _record(index: int, answer: str, scores: dict[str, tuple]) -> QuestionRecord:
    critique = critique_from(QUESTION, answer, scores, grader=GRADER)
    return QuestionRecord(
        index=index,
        question_id=f"q{index}",
        focus_area=None,
        exchanges=[Exchange(kind="main", question=QUESTION, answer=answer)],
        critique=critique,
    )


def _report(records: list[QuestionRecord]) -> Report:
    return build_report(
        session_id="s-1",
        created_at="2026-11-27T10:00:00+00:00",
        profile=Profile(role="Head of Platform"),
        tone="formal",
        backend="openai",
        model="test-model",
        prompt_version="p1-test",
        records=records,
        candidate_questions=[],
    )


# --- one rule for what counts as a quote ------------------------------------------------------


def test_a_quote_differing_only_in_case_keeps_its_score_and_its_strongest_moment():
    shouted = "WE RESTORED SERVICE IN 47 MINUTES"
    scores = {"experience_evidence": (5, [shouted], "Specific and measured.", "")}
    record = _record(1, ANSWER, scores)
    grounded, flags = ground_criteria(record.critique.criteria, (ANSWER,))
    assert grounded[0].score == 5 and not flags  # the grader's rule keeps it
    critique = record.critique.model_copy(update={"criteria": grounded})
    report = _report([record.model_copy(update={"critique": critique})])
    assert [m.quote for m in report.strongest] == ["we restored service in 47 minutes"]


# --- one advance rule --------------------------------------------------------------------------


def _uniform(score: int, count: int = 3) -> list[QuestionRecord]:
    scores = {
        cid: (score, ["we restored service in 47 minutes"], "Ok.", "") for cid in CRITERION_IDS
    }
    return [_record(i, ANSWER, scores) for i in range(1, count + 1)]


def test_the_offline_memo_advances_exactly_when_the_bar_is_met():
    for score, expected in ((3, False), (4, True), (5, True)):
        report = _report(_uniform(score))
        assert meets_advance_bar(report) is expected
        assert report.memo.advance is expected


@pytest.fixture
def executive(llm_server, tmp_path):
    endpoint = Endpoint(base_url=llm_server.base_url, api_key="sk-test", model="test-model")
    client = LLMClient(endpoint, memory=EndpointMemory(tmp_path / "endpoints.json"))
    return LLMExecutive(client, model="test-model", context_tokens=8192)


def _model_memo(advance: bool) -> Reply:
    return Reply.json({"advance": advance, "headline": "My call.", "reasons": ["Because."]})


def test_a_model_cannot_advance_an_adequate_candidate_the_rule_holds_back(executive, llm_server):
    report = _report(_uniform(3))  # adequate 3.0: the old LLM bar let this through
    llm_server.enqueue(_model_memo(True))
    assert executive.memo(report) is None  # so the rule-based memo stands


def test_a_model_may_advance_a_candidate_who_meets_the_bar(executive, llm_server):
    llm_server.enqueue(_model_memo(True))
    memo = executive.memo(_report(_uniform(5)))
    assert memo is not None and memo.advance and memo.author == "openai"


def test_a_model_may_hold_back_a_candidate_who_meets_the_bar(executive, llm_server):
    llm_server.enqueue(_model_memo(False))
    memo = executive.memo(_report(_uniform(5)))
    assert memo is not None and not memo.advance


# --- one model of a question: the record is derived from the state ---------------------------


def test_state_and_record_agree_on_what_the_candidate_said():
    planned = PlannedQuestion(id="q1", text=QUESTION, focus_area=None, criteria=(), aim="")
    state = QuestionState(index=1, planned=planned, text=QUESTION, answer="   ")
    state.follow_ups = [
        FollowUp(gap="no_outcome", text="And the result?", answer="Down to 47 minutes."),
        FollowUp(gap="vague", text="Who did what?", answer=None),
    ]
    assert state.answers() == state.record().answers() == ["Down to 47 minutes."]
