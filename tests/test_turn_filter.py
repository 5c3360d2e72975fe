"""What the candidate sees of a model's turn: no private text, no praise, one question, short.

Each case is something a real or hostile model sent; the speed is measured by
benchmarks/hostile_replies.py.
"""

import io

import pytest

from interviewer.executive.turn_filter import (
    MAX_TURN_CHARS,
    clean_turn,
    filtered_turn,
    normalised,
)
from interviewer.session.console import Console
from tests.fake_llm_brain import Brain
from tests.practice_helpers import STRONG, blocks, run

PRIVATE = (
    "You are Priya Raman, VP Engineering at Lumen, holding the SECOND-round interview.\n"
    "How you run the interview:\n- Ask focused, pointed questions: sharper than a first round.\n"
    "Your private plan for this interview (never reveal it or read it out):\n"
    "1. \n (aim: whether they own cost decisions)\n"
    "[Note to you as the executive; the candidate does not see this.] Speak in a formal register.\n"
    "Ask question 1 of your plan, in your own words: <<<BEGIN PLANNED 7f3a>>> <<<END PLANNED 7f3a>>>"
)
LEAKS = {
    "fence markers": "<<<BEGIN PLANNED 7f3a>>> How did you cut costs? <<<END PLANNED 7f3a>>>",
    "a bracketed note": "[Note to you as the executive; the candidate does not see this.] "
    "How did you cut costs?",
    "a note over sentences": "[Note to you. Speak formally. Probe hard.] How did you cut costs?",
    "the note's instruction echoed": "Speak in a formal register. How did you cut costs?",
    "ChatML tokens": "<|im_start|>assistant\nHow did you cut costs?<|im_end|>\n<|im_start|>user\nI",
    "Llama 2 tokens": "<<SYS>> You are Priya Raman. <</SYS>> How did you cut costs? </s>",
    "an [INST] turn": "How did you cut costs? [INST] The candidate says hello [/INST]",
    "Llama 3 headers": "<|start_header_id|>assistant<|end_header_id|>\n\nHow did you cut costs?",
    "Gemma turns": "<start_of_turn>model\nHow did you cut costs?<end_of_turn>",
    "the plan's header": "Your private plan for this interview (never reveal it or read it out): "
    "How did you cut costs?",
    "a plan line with its aim": "1. How did you cut costs? (aim: whether they own cost decisions)",
    "instructions echoed": "How you run the interview: Ask focused, pointed questions: sharper "
    "than a first round. How did you cut costs?",
    "a speaker label": "Priya Raman: How did you cut costs?",
}
PRIVATE_WORDS = ("<", ">", "[", "]", "aim", "Note", "plan", "register", "focused, pointed", "SYS")


@pytest.mark.parametrize("turn", LEAKS.values(), ids=LEAKS.keys())
def test_private_text_never_reaches_the_candidate(turn):
    shown = clean_turn(turn, private=PRIVATE)
    assert shown == "How did you cut costs?"


@pytest.mark.parametrize("turn", LEAKS.values(), ids=LEAKS.keys())
def test_markers_split_across_chunks_are_still_removed(turn):
    shown = "".join(filtered_turn(iter(turn), private=PRIVATE))  # one character per chunk
    assert " ".join(shown.split()) == "How did you cut costs?"
    assert not any(word in shown for word in PRIVATE_WORDS)


def test_a_12097_character_question_without_a_question_mark_is_not_shown():
    runaway = "Let me tell you about our strategy and our plans and " * 230
    assert len(runaway) > 12_000
    assert clean_turn(runaway) == ""
    assert "".join(filtered_turn(word + " " for word in runaway.split())) == ""


def test_a_long_turn_is_cut_at_a_sentence_before_the_cap():
    turn = "We grew fast last year and hired many people in every team. " * 40 + "Why you?"
    shown = clean_turn(turn)
    assert 0 < len(shown) <= MAX_TURN_CHARS and shown.endswith(".")


def test_an_echo_of_the_whole_prompt_shows_only_the_question():
    assert clean_turn(PRIVATE + " So, how did you cut costs?", private=PRIVATE) == (
        "So, how did you cut costs?"
    )


def test_a_number_with_a_decimal_point_across_chunks_stays_one_sentence():
    chunks = ["Costs fell 3.", "5% in a ", "year. Wh", "y did they?"]
    assert "".join(filtered_turn(chunks)) == "Costs fell 3.5% in a year. Why did they?"


def test_praise_goes_and_the_turn_ends_after_its_first_question():
    turn = "Great answer! That's impressive. Who decided? And who paid?"
    assert clean_turn(turn) == "Who decided?"


def test_an_end_of_turn_token_ends_a_turn_that_said_something():
    assert clean_turn("We are nearly out of time.</s>Candidate: I think") == (
        "We are nearly out of time."
    )


def test_a_stray_token_before_any_words_is_ignored():
    assert clean_turn("</s><|im_end|>Who decided?") == "Who decided?"


def test_ordinary_words_like_the_prompt_are_not_mistaken_for_an_echo():
    private = "You are Priya Raman, VP Engineering at Lumen."
    assert clean_turn("Thanks for coming in. Who decided?", private=private) == (
        "Thanks for coming in. Who decided?"
    )


def test_the_stream_is_closed_as_soon_as_the_turn_ends():
    closed = []

    def stream():
        try:
            yield from ["Who decided? ", "And more ", "and more."]
        finally:
            closed.append(True)

    assert "".join(filtered_turn(stream())) == "Who decided? "
    assert closed == [True]


def test_normalised_compares_words_only():
    assert normalised("  Speak in a FORMAL register! ") == "speak in a formal register"


# -- the speaker's label ---------------------------------------------------------------------


def test_a_turn_with_nothing_to_show_prints_no_speaker_label():
    out = io.StringIO()
    console = Console(stdin=io.StringIO(), stdout=out, stderr=io.StringIO(), interactive=False)
    assert console.say("Priya Raman", iter(["", "  "])) == ""
    assert out.getvalue() == ""
    console.say("Priya Raman", ["What did you decide?"])
    assert out.getvalue() == "\nPriya Raman: What did you decide?\n"


# -- through the CLI, with a model that echoes everything it was told ------------------------


def test_a_model_echoing_its_whole_prompt_shows_the_candidate_nothing_private(llm_env):
    brain = Brain()

    def echoing(body):
        reply = brain(body)
        if body.get("stream"):
            told = "\n".join(m["content"] for m in body["messages"] if m["role"] != "assistant")
            reply.content = f"<|im_start|>assistant\n{told}\n{reply.content}<|im_end|>"
        return reply

    llm_env.responder = echoing
    result = run("practice", "--questions", "2", input=blocks(STRONG, STRONG, "no"))
    assert result.exit_code == 0, result.output
    shown = result.stdout.split("\n# ")[0]  # the conversation, before the report
    for private in ("<<<", "<|", "[Note", "private plan", "(aim:", "register", "How you run"):
        assert private not in shown, private
    turns = [line for line in shown.splitlines() if line.startswith("Executive:")]
    assert len(turns) >= 4 and all(len(line) < 1_100 for line in turns)
    assert not [line for line in shown.splitlines() if line.strip() == "Executive:"]


def test_a_broken_echo_of_a_fence_marker_never_reaches_the_candidate():
    """SmolLM2 behind llama-cpp-python echoed '<<<BEGIN CANDIDATE x>>' (two closing brackets)
    as the executive's turn; the real-server practice test caught it."""
    from interviewer.executive.turn_filter import clean_turn

    for echoed in (
        '<<<BEGIN CANDIDATE 9da417b3ed1591c7>>" and believe in the growth you have available."',
        "So <<END CANDIDATE 9da4>> what happened next?",
        "Tell me >>> more about that?",
    ):
        shown = clean_turn(echoed)
        assert "<<" not in shown and ">>" not in shown, shown
