"""The interview report: aggregation, quoted moments, the executive's memo and the three formats."""

import json
import re
from statistics import fmean

import jinja2.meta
import pytest
from markupsafe import escape

from interviewer import templates
from interviewer.contract import (
    CriterionResult,
    Critique,
    Flag,
    GraderInfo,
    verdict_for,
)
from interviewer.errors import TranscriptError
from interviewer.guidance import CRITERION_IDS, load_guidance
from interviewer.profile import Profile, parse_profile
from interviewer.report.aggregate import build_report
from interviewer.report.memo import offline_memo
from interviewer.report.quotes import QUOTE_LIMIT, trim_quote
from interviewer.report.records import (
    CandidateQuestion,
    DecisionMemo,
    Exchange,
    QuestionRecord,
    Report,
)
from interviewer.report.render import load_report, render_html, render_json, render_markdown
from tests.samples import critique_from

GRADER = GraderInfo(backend="offline", model=None, prompt_version="p1-test")
PROFILE = parse_profile(
    """
role = "Head of Platform Engineering"
company = "Northwind Freight"
focus_areas = ["reliability", "hiring"]
[interviewer]
name = "Dana Okafor"
title = "CTO"
tone = "formal"
"""
)


def _critique(question: str, answer: str, results: dict[str, tuple]) -> Critique:
    return critique_from(question, answer, results, grader=GRADER)


def _record(index: int, question: str, answer: str | None, **extra) -> QuestionRecord:
    exchanges = [Exchange(kind="main", question=question, answer=answer)]
    return QuestionRecord(
        index=index, question_id=f"q{index}", focus_area="reliability", exchanges=exchanges, **extra
    )


# --- a mixed interview: strong, thin-then-followed-up, skipped, ungraded, insufficient ------------

Q1 = "Tell me about the outage you are proudest of handling."
A1 = (
    "In March 2023 our payments cluster went down during peak season. I took incident command, "
    "split the team into diagnosis and customer comms, and we restored service in 47 minutes. "
    "Afterwards I led the review that cut our repeat incidents by half within two quarters."
)
Q2 = "Why should we pick you over the other two finalists?"
A2 = "I am a hard worker and I get along with everybody. I think I would be a good fit."
FOLLOW_UP = "Give me one thing you have done that they probably have not."
A2_FOLLOW = "I once rebuilt our on-call rotation so nobody was paged more than twice a week."
Q3 = "How would you staff a new reliability team in your first ninety days?"
Q4 = "What did you learn from round one?"
A4 = "Round one showed me that you care about hiring, so I talked to Priya in HR about it."
Q5 = "How do you handle a senior engineer who ignores the incident process?"
A5 = "I don't know, honestly."


def _mixed_records() -> list[QuestionRecord]:
    strong = _critique(
        Q1,
        A1,
        {
            "experience_evidence": (5, ["we restored service in 47 minutes"], "Specific.", ""),
            "focused_and_pointed": (4, ["I took incident command"], "Direct opening.", ""),
            "most_qualified": (4, ["cut our repeat incidents by half"], "A real result.", ""),
            "priority_alignment": (4, [], "Reliability, as asked.", ""),
            "follows_lead": (3, [], "A little long.", "Stop after the result."),
        },
    )
    combined = f"{A2}\n\n{A2_FOLLOW}"
    thin = _critique(
        Q2,
        combined,
        {
            "experience_evidence": (
                3,
                ["rebuilt our on-call rotation"],
                "One episode, but only after a prompt.",
                "Lead with the on-call story instead of adjectives.",
            ),
            "focused_and_pointed": (2, [], "Generic opening.", "Answer in the first sentence."),
            "most_qualified": (
                2,
                ["I am a hard worker"],
                "Any finalist could say this.",
                "Name the result the others cannot claim.",
            ),
            "consistent_style": (4, ["nobody was paged more than twice a week"], "Calm.", ""),
        },
    )
    ungraded = Critique(
        question=Q4,
        answer=A4,
        overall=None,
        verdict="ungraded",
        criteria=[CriterionResult(id=i) for i in CRITERION_IDS],
        flags=[Flag.GRADER_FAILED],
        grader=GRADER,
    )
    insufficient = Critique(
        question=Q5,
        answer=A5,
        overall=None,
        verdict="insufficient",
        criteria=[CriterionResult(id=i) for i in CRITERION_IDS],
        flags=[Flag.INSUFFICIENT_ANSWER],
        grader=GRADER,
    )
    second = _record(2, Q2, A2, critique=thin)
    second.exchanges.append(
        Exchange(kind="follow_up", question=FOLLOW_UP, answer=A2_FOLLOW, gap="no differentiator")
    )
    return [
        _record(1, Q1, A1, critique=strong),
        second,
        _record(3, Q3, None, skipped=True),
        _record(4, Q4, A4, critique=ungraded),
        _record(5, Q5, A5, critique=insufficient),
    ]


def _strong_records() -> list[QuestionRecord]:
    answers = {
        1: (Q1, A1, "we restored service in 47 minutes"),
        2: (Q2, "I cut our cloud bill by 30% while doubling traffic.", "cut our cloud bill by 30%"),
        3: (Q3, "I hired six engineers in ninety days at my last job.", "I hired six engineers"),
    }
    records = []
    for index, (question, answer, quote) in answers.items():
        scores = {i: (4, [], "Solid.", "") for i in CRITERION_IDS}
        scores["experience_evidence"] = (5, [quote], "Concrete and measured.", "")
        scores["most_qualified"] = (5, [quote], "Nobody else on the list has this.", "")
        records.append(
            _record(index, question, answer, critique=_critique(question, answer, scores))
        )
    return records


def _report(records: list[QuestionRecord], **overrides) -> Report:
    arguments = dict(
        session_id="s-20261125-ab12",
        created_at="2026-11-25T17:55:00+00:00",
        profile=PROFILE,
        tone="formal",
        backend="offline",
        model=None,
        prompt_version="p1-test",
        records=records,
        candidate_questions=[
            CandidateQuestion(
                question="What would success look like after a year?",
                reply="Fewer pages and a team that hires its own successors.",
            )
        ],
    )
    return build_report(**(arguments | overrides))


def _all_answers(report: Report) -> list[str]:
    return [e.answer for q in report.questions for e in q.exchanges if e.answer]


def _said(report: Report, quote: str) -> bool:
    return any(quote in answer for answer in _all_answers(report))


# --- aggregation -------------------------------------------------------------------------------


def test_criteria_are_all_eight_in_guidance_order_with_names():
    report = _report(_mixed_records())
    assert [c.id for c in report.criteria] == list(CRITERION_IDS)
    assert [c.name for c in report.criteria] == [c.name for c in load_guidance().criteria]


def test_criterion_means_cover_only_graded_answers_that_scored_it():
    records = _mixed_records()
    report = _report(records)
    graded = [r.critique for r in records if r.critique and r.critique.overall is not None]
    for summary in report.criteria:
        scores = [c.criterion(summary.id).score for c in graded]
        scores = [s for s in scores if s is not None]
        assert summary.graded_answers == len(scores)
        assert summary.score == (round(fmean(scores), 1) if scores else None)
    by_id = {c.id: c for c in report.criteria}
    assert by_id["experience_evidence"].score == 4.0  # (5 + 3) / 2
    assert by_id["honest_preparation"].score is None  # nobody scored it


def test_overall_is_the_mean_of_graded_questions_only():
    records = _mixed_records()
    report = _report(records)
    q1, q2 = records[0].critique.overall, records[1].critique.overall
    assert report.overall == round((q1 + q2) / 2, 1)
    assert report.verdict == verdict_for(report.overall)


def test_records_are_reported_in_interview_order():
    records = _mixed_records()
    report = _report(list(reversed(records)))
    assert [q.index for q in report.questions] == [1, 2, 3, 4, 5]


def test_notes_mention_skipped_thin_and_ungraded_questions():
    notes = " ".join(_report(_mixed_records()).notes)
    assert f"You skipped question 3: {Q3}" in notes
    assert "too thin to grade (question 5)" in notes
    assert "could not be graded (question 4)" in notes


# --- moments -----------------------------------------------------------------------------------


@pytest.mark.parametrize("make_records", [_mixed_records, _strong_records])
def test_moments_quote_the_candidate_and_are_at_most_three(make_records):
    report = _report(make_records())
    assert len(report.strongest) <= 3 and len(report.fixes) <= 3
    for moment in report.strongest + report.fixes:
        assert moment.quote and _said(report, moment.quote), moment
        assert moment.note


def test_strongest_moments_are_high_scores_from_different_questions():
    report = _report(_strong_records())
    assert len(report.strongest) == 3
    assert len({m.question_index for m in report.strongest}) == 3
    for moment in report.strongest:
        critique = report.questions[moment.question_index - 1].critique
        assert critique.criterion(moment.criterion).score >= 4


def test_fixes_lead_with_central_criteria_and_carry_the_suggestion():
    report = _report(_mixed_records())
    first = report.fixes[0]
    assert first.criterion == "most_qualified"
    assert first.quote == "I am a hard worker"
    assert first.note == "Name the result the others cannot claim."
    assert report.fixes[1].criterion == "focused_and_pointed"


def test_a_fix_without_evidence_quotes_the_opening_sentence():
    report = _report(_mixed_records())
    focused = next(m for m in report.fixes if m.criterion == "focused_and_pointed")
    assert focused.quote == "I am a hard worker and I get along with everybody."


def test_skipped_and_thin_answers_give_way_to_scored_weaknesses():
    report = _report(_mixed_records())
    assert len(report.fixes) == 3
    assert {m.question_index for m in report.fixes} == {2}  # not 3 (skipped) nor 5 (thin)


def test_injection_attempts_are_noted():
    records = _strong_records()
    records[1].critique.flags.append(Flag.INJECTION_ATTEMPT)
    notes = _report(records).notes
    assert notes == ["Question 2: text addressed to the grader was ignored when scoring."]


def test_thin_answer_is_quoted_when_no_scored_weakness_exists():
    records = _strong_records()
    records.append(
        _record(
            4,
            Q5,
            A5,
            critique=Critique(
                question=Q5,
                answer=A5,
                verdict="insufficient",
                criteria=[CriterionResult(id=i) for i in CRITERION_IDS],
                flags=[Flag.INSUFFICIENT_ANSWER],
                grader=GRADER,
            ),
        )
    )
    report = _report(records)
    assert [(m.question_index, m.quote) for m in report.fixes] == [(4, A5)]


def test_evidence_the_candidate_never_said_is_not_quoted():
    answer = "I led the migration to Kubernetes over one weekend."
    critique = _critique(
        Q1, answer, {"experience_evidence": (5, ["I invented Kubernetes"], "Bold.", "")}
    )
    report = _report([_record(1, Q1, answer, critique=critique)])
    assert report.strongest == []


def test_long_opening_sentence_is_trimmed_at_a_word_boundary():
    answer = "I " + " ".join(["delivered"] * 60) + " projects. Then more."
    critique = _critique(Q2, answer, {"most_qualified": (2, [], "Vague.", "Be specific.")})
    report = _report([_record(1, Q2, answer, critique=critique)])
    quote = report.fixes[0].quote
    assert len(quote) <= QUOTE_LIMIT and quote in answer
    assert quote.endswith("delivered")


@pytest.mark.parametrize(
    "text", ["short", "word " * 80, "x" * 300, "end with comma, " * 20, "  padded  "]
)
def test_trim_quote_keeps_a_substring_within_the_limit(text):
    quote = trim_quote(text)
    assert quote and quote in text and len(quote) <= QUOTE_LIMIT


# --- the decision memo -------------------------------------------------------------------------


def test_memo_advances_a_strong_candidate():
    report = _report(_strong_records())
    assert report.memo.advance is True
    assert report.memo.author == "offline"
    assert "Head of Platform Engineering" in report.memo.headline
    assert any("Most qualified" in reason for reason in report.memo.reasons)


def test_memo_holds_back_a_weak_candidate_and_says_why_by_name_and_score():
    report = _report(_mixed_records())
    memo = report.memo
    assert memo.advance is False
    by_id = {c.id: c for c in report.criteria}
    most_qualified = by_id["most_qualified"]
    assert any(
        f"{most_qualified.name}: {most_qualified.score:.1f}" in reason for reason in memo.reasons
    )
    assert any("skipped" in reason for reason in memo.reasons)
    assert any('"I am a hard worker"' in reason for reason in memo.reasons)


def _strong_with(**scores: int) -> list[QuestionRecord]:
    """The strong set with some criteria overridden on every question."""
    records = _strong_records()
    for record in records:
        for criterion_id, score in scores.items():
            record.critique.criterion(criterion_id).score = score
    return records


@pytest.mark.parametrize(
    ("records", "expected"),
    [
        (_strong_with(), True),
        (_strong_with(most_qualified=3), False),  # qualified, but not the one to pick
        (_strong_with(follows_lead=2), False),  # one criterion under the floor
        (_strong_with(most_qualified=4, follows_lead=3), True),
    ],
)
def test_memo_rules(records, expected):
    criteria_report = _report(records)
    memo = offline_memo(
        overall=criteria_report.overall,
        criteria=criteria_report.criteria,
        records=records,
        profile=PROFILE,
    )
    assert memo.advance is expected
    assert memo.reasons


def test_memo_holds_back_a_strong_candidate_who_skipped_two_questions():
    records = _strong_records()
    records += [_record(4, Q4, None, skipped=True), _record(5, Q5, None, skipped=True)]
    report = _report(records)
    assert report.overall >= 4.0
    assert report.memo.advance is False
    assert "unanswered" in report.memo.headline


def test_memo_for_an_empty_interview_makes_no_call():
    memo = offline_memo(overall=None, criteria=[], records=[], profile=Profile())
    assert memo.advance is False
    assert memo.headline.startswith("I can't make a call:")


def test_a_given_memo_is_used_as_it_is():
    memo = DecisionMemo(advance=True, headline="Yes.", reasons=["Because."], author="openai")
    assert _report(_mixed_records(), memo=memo).memo == memo


# --- rendering ---------------------------------------------------------------------------------


def test_markdown_shows_every_question_answer_and_the_memo():
    report = _report(_mixed_records())
    text = render_markdown(report)
    for question in (Q1, Q2, FOLLOW_UP, Q3, Q4, Q5):
        assert question in text
    assert report.memo.headline in text
    assert f"> {A1}" in text
    assert "> " + A2_FOLLOW in text
    assert "Head of Platform Engineering at Northwind Freight" in text
    assert "Try: Name the result the others cannot claim." in text
    assert "What would success look like after a year?" in text


def test_markdown_keeps_template_syntax_in_answers_literal():
    answer = "{{ 7*7 }} {% if true %}yes{% endif %}\nsecond line"
    critique = _critique(Q1, answer, {"experience_evidence": (2, [], "Thin.", "Add an episode.")})
    text = render_markdown(_report([_record(1, Q1, answer, critique=critique)]))
    assert "> {{ 7*7 }} {% if true %}yes{% endif %}\n> second line" in text
    assert "49" not in text


EXTERNAL = re.compile(r"src=|href=|@import|url\(|<link", re.IGNORECASE)
RAW_TAG_WITH_REFERENCE = re.compile(r"<[a-z][^>]*\s(src|href|on\w+)=", re.IGNORECASE)


def test_html_is_one_file_with_no_external_references_and_escapes_candidate_text():
    records = _mixed_records()
    records[0].exchanges[0].answer = "<script>alert(1)</script> was my answer"
    report = _report(records)
    page = render_html(report)
    assert page.startswith("<!DOCTYPE html>") and page.rstrip().endswith("</html>")
    assert "<style>" in page and "<script" not in page
    assert not EXTERNAL.search(page), EXTERNAL.search(page)
    assert "&lt;script&gt;alert(1)&lt;/script&gt; was my answer" in page
    for question in (Q1, Q2, FOLLOW_UP, Q3, Q4, Q5):
        assert escape(question) in page
    assert escape(report.memo.headline) in page


def test_html_never_turns_candidate_text_into_tags():
    hostile = '<img src=x onerror="alert(2)"><a href="https://evil.example">x</a>'
    records = _mixed_records()
    records[1].exchanges[1].answer = hostile
    report = _report(records, candidate_questions=[CandidateQuestion(question=hostile, reply="ok")])
    page = render_html(report)
    assert not RAW_TAG_WITH_REFERENCE.search(page)
    assert page.count("&lt;img src=x") == 2


def test_html_bars_follow_the_scores():
    report = _report(_strong_records())
    page = render_html(report)
    assert 'style="width: 100%"' in page  # a 5
    assert 'style="width: 80%"' in page  # a 4


def test_json_round_trips_through_load_report():
    report = _report(_mixed_records())
    assert load_report(json.loads(render_json(report))) == report


def test_load_report_rejects_a_corrupt_payload():
    with pytest.raises(TranscriptError, match="run the interview again"):
        load_report({"session_id": "x"})


@pytest.mark.parametrize("render", [render_markdown, render_html, render_json])
def test_an_empty_interview_renders_in_every_format(render):
    report = _report([], profile=Profile(), candidate_questions=[])
    assert report.overall is None and report.verdict == "ungraded"
    assert report.strongest == [] and report.fixes == []
    text = render(report)
    if render is render_json:
        text = json.loads(text)["memo"]["headline"]
    assert escape(report.memo.headline) in text or report.memo.headline in text


@pytest.mark.parametrize("name", ["report.md.j2", "report.html.j2"])
def test_report_templates_need_only_the_report(name):
    source = (templates.prompts_dir() / name).read_text(encoding="utf-8")
    found = jinja2.meta.find_undeclared_variables(templates.environment().parse(source))
    assert found == {"report"}
