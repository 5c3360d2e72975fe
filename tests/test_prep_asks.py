"""The honest-ask check: questions to HR and contacts that angle for inside information are
caught, open ones pass, and every question the brief suggests is an open one.

Measured on tests/data/prep/asks.jsonl (labelled blind by another helper; never edited to fit).
"""

from pathlib import Path

import pytest

from interviewer.grading.honesty import inside_ask
from interviewer.prep.build import build_brief
from interviewer.prep.stories import advice_text
from interviewer.profile import load_profile
from tests.prep_cases import load_asks, load_cases
from tests.test_prep_cases import case_profile

ROOT = Path(__file__).resolve().parent.parent
PRECISION_FLOOR = 0.95  # in-sample: the rules were revised after a first blind run (0.77 / 0.39)
RECALL_FLOOR = 0.95


def _confusion() -> dict[str, int]:
    counts = {"tp": 0, "fp": 0, "fn": 0, "tn": 0}
    for ask in load_asks():
        flagged = inside_ask(ask.text) is not None
        key = ("t" if flagged == ask.improper else "f") + ("p" if flagged else "n")
        counts[key] += 1
    return counts


def test_the_labelled_set_is_large_enough_to_measure_on():
    asks = load_asks()
    assert len(asks) >= 80
    assert 0.3 < sum(a.improper for a in asks) / len(asks) < 0.7


def test_precision_and_recall_on_the_labelled_asks_stay_above_the_floors():
    c = _confusion()
    precision = c["tp"] / (c["tp"] + c["fp"])
    recall = c["tp"] / (c["tp"] + c["fn"])
    assert precision >= PRECISION_FLOOR, c
    assert recall >= RECALL_FLOOR, c


HONEST = [  # written after the rules, never used to revise them: open questions that must pass
    "How do candidates usually get on with the group exercise, in general terms?",
    "Which figures from my own work would the panel find most useful to hear?",
    "Should I take notes during the interview, or is that frowned upon?",
    "Will a board member be on the final panel?",
    "Is confidentiality a big part of the role, given the client work?",
    "Are the published accounts the best place to understand the finances?",
    "From round one, is there a skill they'd like me to show more evidence of?",
    "Was there anything that gave the panel pause in my first interview?",
    "Is the salary range in the advert still the range for this role?",
    "Has the company said anything publicly about its plans for the new region?",
    "Could you remind me of the names and job titles of the people I'll meet?",
    "Are there any public reports about the service I should read beforehand?",
    "Did the panel want more detail on my budget experience?",
    "Is the role new, or am I replacing someone?",
    "Would it help to bring examples of my reports, with client details removed?",
]


@pytest.mark.parametrize("question", HONEST)
def test_an_open_question_that_uses_a_risky_word_innocently_passes(question):
    assert inside_ask(question) is None


def test_a_disclaimer_before_the_risky_words_is_respected():
    assert (
        inside_ask("Without asking for anything confidential, what matters most to them?") is None
    )
    assert inside_ask("Could you share the confidential board papers?") is not None


def _every_brief():
    for path in sorted((ROOT / "examples").glob("*.toml")):
        yield path.stem, build_brief(load_profile(path))
    for case in load_cases():
        yield case.name, build_brief(case_profile(case))


def test_every_question_the_brief_suggests_is_an_open_one():
    flagged = [
        (name, line, inside_ask(line))
        for name, brief in _every_brief()
        for line in (*brief.ask_hr, *brief.ask_contacts)
        if inside_ask(line)
    ]
    assert flagged == []


@pytest.mark.parametrize("line", advice_text()["ask"]["do_not_ask"])
def test_each_do_not_ask_line_names_something_the_check_catches(line):
    assert line.startswith("Do not ask ")
    assert inside_ask(line.removeprefix("Do not ask ")) is not None
    assert inside_ask(line) is None  # said as a warning, it asks for nothing
