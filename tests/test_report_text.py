"""Text glitches quoted in issue 9, each reproduced and held fixed."""

import json

from interviewer.grading.analysis import split_sentences
from interviewer.report.quotes import first_sentence
from tests.practice_helpers import run

ST_BRENDANS = (
    "For six years I ran the night shift at St. Brendan's Hospital. I would bring the same "
    "rota discipline to your wards, e.g. the handover checklist I wrote."
)


def test_sentences_do_not_end_at_abbreviations():
    text = "Dr. Okafor and Mr. Lee backed it, e.g. in the Feb. review. Then I left."
    assert [s for _, s in split_sentences(text)] == [
        "Dr. Okafor and Mr. Lee backed it, e.g. in the Feb. review.",
        "Then I left.",
    ]


def test_the_report_quotes_st_brendans_whole():
    assert first_sentence(ST_BRENDANS) == (
        "For six years I ran the night shift at St. Brendan's Hospital."
    )


def test_no_critique_quote_starts_at_brendans():
    result = run("critique", "--format", "json", "-q", "Why you?", "-a", ST_BRENDANS)
    assert result.exit_code == 0, result.output
    quotes = [q for c in json.loads(result.stdout)["criteria"] for q in c["evidence"]]
    assert quotes and not any(q.startswith("Brendan") for q in quotes), quotes
    assert not any(q.rstrip().endswith("St.") for q in quotes), quotes
