"""Every prompt, grading included, fits the window the server reports (scripted server, real HTTP).

Seen on llama-cpp-python: the window was guessed (8,192 for an unknown model id; the server had
4,096) and grading prompts of 7,600+ tokens went out untrimmed.
"""

import threading
from dataclasses import replace

import pytest

from interviewer.errors import ContextOverflow
from interviewer.grading.fitting import GradingFit
from interviewer.grading.llm import REPLY_SCHEMA, request_messages
from interviewer.grading.pipeline import GradingRequest
from interviewer.llm.client import Endpoint, schema_instruction
from interviewer.llm.tokens import TokenCounter
from interviewer.llm.window import window_for
from tests.fake_llm_brain import Brain
from tests.llm_server import LLMServer
from tests.practice_helpers import STRONG, blocks, events_of, only_session, run

MODEL = "/models/SmolLM2-135M-Instruct.Q4_1.gguf"  # llama-cpp-python reports the file path
LONG = " ".join([STRONG] * 6)  # about 600 tokens
MEDIUM = " ".join([STRONG] * 3)


@pytest.fixture
def local_server(monkeypatch):
    """A scripted stand-in for llama-cpp-python: 4,096 tokens, one slot, 500 for json_schema."""
    server = LLMServer(models=(MODEL,), flavour="llama-cpp-python", context_size=4096)
    server.single_slot = True
    server.fill_without_max_tokens = True
    server.refuse_formats = {"json_schema"}
    server.responder = Brain()
    server.start()
    monkeypatch.setenv("OPENAI_BASE_URL", server.base_url)
    monkeypatch.setenv("INTERVIEWER_MODEL", MODEL)
    yield server
    server.stop()


def grading_fit(window: int) -> GradingFit:
    return GradingFit(MODEL, window, schema_instruction(REPLY_SCHEMA))


def test_the_window_is_read_from_the_server_and_an_explicit_figure_wins(local_server):
    endpoint = Endpoint(base_url=local_server.base_url, model=MODEL)
    found = window_for(endpoint)
    assert (found.tokens, found.source) == (4096, "llama-cpp-python overflow error")
    assert window_for(endpoint, 6000).tokens == 6000


def test_old_earlier_answers_give_way_first_and_the_answer_stays_whole():
    request = GradingRequest(
        question="Why you?", answer=STRONG, graded_text=STRONG, earlier_answers=(LONG, LONG, "x")
    )
    fit = grading_fit(4096)
    messages = fit.request(request, request_messages)
    assert fit.fits(messages)
    user = messages[-1]["content"]
    assert STRONG in user and "Why you?" in user
    assert user.count(LONG) < 2 and "\nx\n" in user  # the newest earlier answer is kept


def test_a_grading_prompt_that_cannot_fit_is_refused_before_sending():
    huge = " ".join([STRONG] * 60)
    request = GradingRequest(question="Why you?", answer=huge, graded_text=huge)
    with pytest.raises(ContextOverflow, match="grading prompt for this answer needs"):
        grading_fit(4096).request(request, request_messages)


def test_the_echo_of_an_invalid_reply_is_cut_to_fit():
    request = GradingRequest(question="Why you?", answer=STRONG, graded_text=STRONG)
    fit = grading_fit(4096)
    messages = fit.request(request, request_messages)
    runaway = "{" + "nonsense " * 3000

    def correction(text: str) -> list[dict]:
        return [{"role": "assistant", "content": text}, {"role": "user", "content": "Again."}]

    extended = fit.correction(messages, runaway, correction)
    assert extended is not None and fit.fits(extended)
    assert 0 < len(extended[-2]["content"]) < len(runaway)


def test_a_practice_on_a_small_one_slot_server_fits_every_request_and_cuts_no_stream(
    local_server,
):
    answers = blocks(MEDIUM, MEDIUM, MEDIUM, "no")  # the third grade cannot hold all three
    result = run("practice", "-n", "3", "--max-follow-ups", "0", input=answers)
    assert result.exit_code == 0, result.output
    assert local_server.interrupted_streams == 0
    counter = TokenCounter(MODEL)
    for request in local_server.chat_requests():
        assert request["max_tokens"] + counter.count_messages(request["messages"]) <= 4096
    critiques = [e["critique"] for e in events_of(only_session(), "critique")]
    assert [c["verdict"] != "ungraded" for c in critiques] == [True, True, True]


def test_a_stream_cut_by_a_second_request_is_named_and_resume_finishes(local_server, monkeypatch):
    brain = local_server.responder

    def slow_turns(body: dict):
        reply = brain(body)
        return replace(reply, chunk_delay=0.05) if body.get("stream") else reply

    local_server.responder = slow_turns
    monkeypatch.setenv("INTERVIEWER_PARALLEL_REQUESTS", "2")  # more than this server has
    cut = run("practice", "-n", "2", "--max-follow-ups", "0", input=blocks(STRONG, STRONG, "no"))
    assert cut.exit_code == 3, cut.output
    assert "ended the reply before it was finished" in cut.stderr
    assert "dropped" not in cut.stderr and local_server.interrupted_streams >= 1

    for thread in threading.enumerate():  # the grades the paused run left behind would have
        if thread.name == "grading":  # died with its process; here they share ours
            thread.join(10)
    monkeypatch.delenv("INTERVIEWER_PARALLEL_REQUESTS")  # one at a time, as by default
    session_id = only_session().session_id
    resumed = run("resume", session_id, input=blocks(STRONG, STRONG, "no"))
    assert resumed.exit_code == 0, resumed.output
    assert events_of(only_session(), "report")
