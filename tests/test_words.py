"""The grader, the question bank, the offline wording and the turn filter share one word list each."""

from interviewer import words
from interviewer.executive import phrasing, question_bank, turn_filter
from interviewer.grading import analysis


def test_every_reader_of_function_words_starts_from_the_shared_list():
    for module_set in (analysis._STOPWORDS, phrasing._STOP, question_bank._STOPWORDS):
        assert module_set >= words.FUNCTION_WORDS


def test_one_plural_rule():
    assert [words.singular(w) for w in ("costs", "boxes", "policies", "status", "bus")] == [
        "cost",
        "box",
        "policy",
        "status",
        "bus",
    ]
    assert question_bank.tokens("Cloud costs") == question_bank.tokens("cloud cost")


def test_one_praise_list_for_the_filter_and_the_offline_wording():
    assert phrasing.PRAISE_WORDS is words.PRAISE_WORDS
    for word in words.PRAISE_WORDS:
        assert turn_filter.is_praise(f"{word.capitalize()}, that covers it."), word
    for phrase in words.PRAISE_PHRASES:
        assert turn_filter.is_praise(f"{phrase.capitalize()}."), phrase
    assert not turn_filter.is_praise("Tell me how you cut the cloud bill.")


def test_one_gap_table_serves_the_grader_the_executive_and_the_report():
    from interviewer import gaps
    from interviewer.executive import base
    from interviewer.grading import offline

    assert gaps.descriptions() == base.GAP_DESCRIPTIONS
    assert gaps.says() == offline._GAP_SAYS and gaps.fixes() == offline._GAP_FIX
    graded = set(gaps.says())
    assert graded == set(gaps.fixes())
    assert graded - {"not_own"} <= set(gaps.descriptions())
    assert all(gap in gaps.table()["lines"] for gap in graded - {"not_own"})
