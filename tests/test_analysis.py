"""The deterministic answer features the offline grader and the interview engine rely on."""

import json
from pathlib import Path

import pytest

from interviewer.grading.analysis import (
    GAP_CODES,
    analyze,
    answer_gaps,
    content_words,
    contradictions,
    sentence_signals,
    split_sentences,
)

PAIRS = [
    json.loads(line)
    for line in (Path(__file__).parent / "data" / "labelled_pairs.jsonl").read_text().splitlines()
    if line.strip()
]

STRONG = (
    "When I joined Acme in 2021, churn was 9% a month. I called the 40 largest customers myself "
    "over three weeks and rebuilt the onboarding emails. As a result churn fell to 4% by Q3."
)
QUESTION = "Tell me about a time you reduced customer churn."


def test_counts_words_sentences_and_numbers_in_their_usual_forms():
    result = analyze("Revenue grew 40% to $2M in 2019. It took 3 weeks and twelve people.")
    assert result.words == 14
    assert result.sentences == 2
    # 40%, 2M, 2019, 3, twelve; the last two describe the setting (nobody acts, nothing changes)
    assert result.numbers + result.context_figures == 5
    assert result.context_figures == 2


def test_figures_about_the_company_are_setting_but_figures_in_the_episode_are_evidence():
    padded = analyze("Lumen has 2,400 employees and 310 stores. The market grows 20% a year.")
    episode = analyze("I rebuilt the rota in March. It took 3 weeks and cut overtime by 12%.")
    assert padded.numbers == 0 and padded.context_figures == 3
    assert episode.numbers == 2 and episode.context_figures == 0


def test_specifics_include_names_and_time_words_but_not_sentence_openers():
    named = analyze("I presented to Maria Lopez at Northwind every quarter.")
    plain = analyze("Presenting is something I enjoy a great deal.")
    assert named.specifics >= 4  # Maria, Lopez, Northwind, quarter
    assert plain.specifics == 0


def test_ownership_separates_i_from_we_and_ignores_the_us_acronym():
    result = analyze("We shipped it and our team was proud of us. The US market grew. I was glad.")
    assert result.we == 3
    assert result.first_person == 1


def test_cliches_are_named_once_each_in_order_of_appearance():
    result = analyze(
        "I'm a hard-working team player. Being a team player matters, and I think outside the box."
    )
    assert result.cliches == ("hard worker", "team player", "think outside the box")


def test_hedges_deflections_and_contractions_are_counted():
    result = analyze("Maybe I guess it's kind of hard to say. I think I'd probably try to help.")
    assert result.hedges >= 5
    assert result.deflections == 1
    assert result.contractions == 2


def test_claims_of_standing_apart_preparation_and_inside_information():
    apart = analyze("Unlike most candidates, I'm the only one here who has run a P&L.")
    prepared = analyze(
        "I spoke with Priya in HR after round one and read your annual report, so I prepared "
        "two examples."
    )
    insider = analyze("A friend on the panel gave me the questions in advance, off the record.")
    assert apart.differentiators >= 2
    assert prepared.preparation_mentions >= 3
    assert insider.insider_claims >= 2
    assert analyze(STRONG).insider_claims == 0


def test_everyday_talk_is_not_mistaken_for_preparation():
    result = analyze("I always come prepared, and I start by talking to lots of users.")
    assert result.preparation_mentions == 0


def test_formality_is_higher_for_a_formal_register():
    formal = analyze(
        "I would present the variance immediately, explain its principal drivers, and propose "
        "corrective measures for the board's consideration."
    )
    relaxed = analyze("Yeah, I'd just tell 'em straight, you know? Stuff happens, it's fine.")
    assert formal.formality > 0.6
    assert relaxed.formality < 0.3
    assert relaxed.slang >= 2


def test_content_words_drop_stopwords_and_match_word_forms():
    assert content_words("The customers were managing budgets") == content_words(
        "customer manage budget"
    )
    assert content_words("the and of to you") == set()


def test_question_overlap_tells_an_answer_on_topic_from_one_off_topic():
    on_topic = analyze(STRONG, question=QUESTION)
    off_topic = analyze("I enjoy sailing and reading history books.", question=QUESTION)
    assert on_topic.question_overlap > 0.3
    assert off_topic.question_overlap == 0.0
    assert analyze(STRONG).question_overlap == 1.0


def test_focus_areas_and_concerns_touched_are_named():
    result = analyze(
        STRONG,
        focus_areas=["customer retention", "enterprise security"],
        concerns=["limited budget ownership"],
    )
    assert result.focus_hits == ("customer retention",)
    assert result.concern_hits == ()


def test_sentences_are_exact_substrings_at_their_offsets():
    text = "First line without a stop\nSecond one. Third, with 3.5 percent!  Last?"
    for sentence in sentence_signals(text):
        assert text[sentence.start : sentence.start + len(sentence.text)] == sentence.text
    assert [s.text for s in sentence_signals(text)][2] == "Third, with 3.5 percent!"


def test_list_bullets_are_not_part_of_a_sentence():
    text = "- Asked the recruiter\n* Read your annual report"
    assert [sentence for _, sentence in split_sentences(text)] == [
        "Asked the recruiter",
        "Read your annual report",
    ]


def test_a_strong_answer_has_no_gaps():
    assert answer_gaps(analyze(STRONG, question=QUESTION)) == []


def test_a_short_strong_answer_is_not_vague():
    short = "At Kettle in 2022 I rewrote our 40 top blog posts. Organic visits grew from 18,000 to 41,000 a month."
    assert len(short.split()) < 25
    assert "vague" not in answer_gaps(analyze(short))


@pytest.mark.parametrize(
    ("answer", "gap"),
    [
        ("I always give my best and I care about quality in everything I do.", "vague"),
        ("I cut onboarding time from 12 days to 4 at Orion by rewriting the checklist.", None),
        ("I believe customers value honesty and I always put them first in my work.", "no_example"),
        (
            "Last year at Brightwell I looked into the billing process with the finance lead.",
            "no_outcome",
        ),
        ("We planned it together, we ran it as a team and our results were good.", "we_not_i"),
    ],
)
def test_each_gap_is_raised_by_the_answer_that_has_it(answer, gap):
    gaps = answer_gaps(analyze(answer))
    assert set(gaps) <= set(GAP_CODES)
    if gap is None:
        assert "vague" not in gaps
    else:
        assert gap in gaps


def test_dodging_comes_first_among_the_gaps():
    gaps = answer_gaps(analyze("I can't think of one, honestly.", question=QUESTION))
    assert gaps[0] == "dodged"


@pytest.mark.parametrize("pair", PAIRS, ids=lambda pair: pair["question"][:40])
def test_labelled_strong_answers_have_fewer_gaps_than_weak_ones(pair):
    def gaps(answer):
        return answer_gaps(analyze(answer, question=pair["question"]))

    assert len(gaps(pair["strong"])) < len(gaps(pair["weak"]))


def test_contradicting_years_team_size_and_leadership_are_reported():
    found = contradictions(
        "I have 8 years of Python, ran a team of 4, and I wasn't the lead on the Kubernetes migration.",
        [
            "I have 5 years of experience in Python.",
            "I led a team of 12 and I led the Kubernetes migration.",
        ],
    )
    assert "said 5 years of Python earlier, now 8" in found
    assert "said a team of 12 earlier, now 4" in found
    assert any("Kubernetes migration" in claim for claim in found)


@pytest.mark.parametrize(
    ("answer", "earlier"),
    [
        ("I have 5 years of Python and 3 years of Go.", "Five years of Python, mostly backend."),
        ("My team of 6 engineers shipped it.", "I managed 6 engineers at Acme."),
        ("I led the hiring push.", "I didn't lead the cloud migration."),
        ("Two years ago I moved to Leeds.", "I spent 3 years as a nurse."),
    ],
)
def test_agreeing_or_unrelated_claims_are_not_contradictions(answer, earlier):
    assert contradictions(answer, [earlier]) == []
