from interviewer.contract import CriterionResult, Flag
from interviewer.grading.grounding import ground_criteria, invented_facts, is_grounded

ANSWER = "At Acme Corp I led the migration of 40 services and cut costs by 30%."


def test_quotes_match_ignoring_case_whitespace_and_typography():
    assert is_grounded("i led the   MIGRATION", (ANSWER,))
    assert is_grounded("“I led the migration”", (ANSWER,))
    assert is_grounded("I led ... cut costs by 30%", (ANSWER,))
    assert not is_grounded("I invented the wheel", (ANSWER,))
    assert not is_grounded("...", (ANSWER,))


def test_quote_spanning_two_segments_is_not_grounded():
    assert not is_grounded("services and cut", ("of 40 services", " and cut costs"))


def test_ungrounded_quote_is_dropped_and_unsupported_high_score_withdrawn():
    criteria = [
        CriterionResult(id="experience_evidence", score=5, evidence=["I never said this"]),
        CriterionResult(
            id="focused_and_pointed", score=4, evidence=["cut costs by 30%", "made up"]
        ),
        CriterionResult(id="most_qualified", score=2, evidence=[]),
    ]
    grounded, flags = ground_criteria(criteria, (ANSWER,))
    assert grounded[0].score is None and grounded[0].evidence == []
    assert "withdrawn" in grounded[0].comment
    assert grounded[1].score == 4 and grounded[1].evidence == ["cut costs by 30%"]
    assert grounded[2].score == 2  # a low score may rest on what is missing
    assert flags == [Flag.UNGROUNDED_EVIDENCE, Flag.SCORE_WITHDRAWN]


def test_invented_numbers_and_employers_are_found():
    improved = "At Acme Corp I led 40 services, cut costs by 30% and saved $2M for Globex."
    assert invented_facts(improved, ANSWER) == ["2", "Globex"]
    assert invented_facts("At Acme Corp I led 40 services and cut costs by 30%.", ANSWER) == []
