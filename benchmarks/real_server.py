"""Figures from a real server: llama-cpp-python with SmolLM2-135M on this machine's CPU.

Prints the model's load time, one turn-sized reply's latency and speed, and what one `critique`
costs through the CLI: its wall time and how many chat requests it sent, the first time (the
json_schema refusal is learned) and the second (json_object is remembered). For comparison, the
SDK on its own retries llama-cpp-python's HTTP 500 for json_schema twice.

Needs `python -m tests.real_server.prepare` first. Run: python benchmarks/real_server.py
"""

import json
import os
import re
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

from tests.practice_helpers import STRONG  # noqa: E402
from tests.real_server import prepare  # noqa: E402
from tests.real_server.server import start_server  # noqa: E402

QUESTION = "Why should we pick you over the other finalists?"
CHAT_POST = '"POST /v1/chat/completions HTTP/1.1"'  # uvicorn's access line, once per request
PERF = re.compile(r"(prompt eval|\s eval) time =\s+([\d.]+) ms /\s+(\d+) (?:tokens|runs)")


def main() -> None:
    if not (prepare.server_installed() and prepare.model_ready()):
        sys.exit("run `python -m tests.real_server.prepare` first")
    server = start_server()
    try:
        print(f"model load (launch to listening): {server.ready_after:.2f} s")
        turn_speed(server)
        sdk_retries_of_the_refusal(server)
        with tempfile.TemporaryDirectory() as home:
            for attempt in ("first", "second"):
                critique_cost(server, home, attempt)
    finally:
        server.stop()


def turn_speed(server) -> None:
    """One turn-sized reply, streamed: time to the first words, and tokens per second."""
    import openai

    client = openai.OpenAI(base_url=server.base_url, api_key="none", max_retries=0, timeout=300)
    messages = [{"role": "user", "content": "As a hiring executive, ask me one hard question."}]
    started = time.monotonic()
    first = None
    pieces = 0
    for chunk in client.chat.completions.create(
        model=server.model, messages=messages, max_tokens=300, stream=True
    ):
        if chunk.choices and chunk.choices[0].delta.content:
            first = first or time.monotonic() - started
            pieces += 1
    took = time.monotonic() - started
    print(
        f"turn (max_tokens 300): first words after {first or 0:.2f} s, {pieces} pieces in "
        f"{took:.1f} s ({pieces / max(took - (first or 0), 1e-6):.1f} tokens/s)"
    )
    client.close()


def sdk_retries_of_the_refusal(server) -> None:
    import openai

    client = openai.OpenAI(base_url=server.base_url, api_key="none", max_retries=2)
    before = _chat_posts(server)
    fmt = {"type": "json_schema", "json_schema": {"name": "x", "schema": {"type": "object"}}}
    try:
        client.chat.completions.create(
            model=server.model,
            messages=[{"role": "user", "content": "hi"}],
            max_tokens=8,
            response_format=fmt,
        )
    except openai.APIStatusError as error:
        status = error.status_code
    client.close()
    print(f"SDK alone, json_schema: HTTP {status}, {_chat_posts(server) - before} requests")


def critique_cost(server, home: str, attempt: str) -> None:
    env = {
        **os.environ,
        "INTERVIEWER_HOME": home,
        "OPENAI_BASE_URL": server.base_url,
        "INTERVIEWER_MODEL": server.model,
        "INTERVIEWER_TIMEOUT": "300",
    }
    command = [sys.executable, "-m", "interviewer", "critique", "-q", QUESTION]
    before, lines_before = _chat_posts(server), len(server.log)
    started = time.monotonic()
    done = subprocess.run(
        [*command, "--answer", STRONG, "--format", "json"],
        capture_output=True,
        text=True,
        env=env,
        check=False,
    )
    took = time.monotonic() - started
    verdict = json.loads(done.stdout)["verdict"] if done.returncode == 0 else "-"
    print(
        f"critique ({attempt} run): exit {done.returncode}, verdict {verdict}, "
        f"{_chat_posts(server) - before} chat requests, {took:.1f} s; {_speeds(server, lines_before)}"
    )


def _speeds(server, since: int) -> str:
    """Prompt and generation speed over the log lines written since `since`."""
    totals = {"prompt eval": [0.0, 0], " eval": [0.0, 0]}
    for line in list(server.log)[since:]:
        if found := PERF.search(line):
            kind = "prompt eval" if found[1] == "prompt eval" else " eval"
            totals[kind][0] += float(found[2])
            totals[kind][1] += int(found[3])
    (read_ms, read), (wrote_ms, wrote) = totals["prompt eval"], totals[" eval"]
    return (
        f"prompt {read} tokens at {read / max(read_ms / 1000, 1e-6):.0f}/s, "
        f"generated {wrote} tokens at {wrote / max(wrote_ms / 1000, 1e-6):.1f}/s"
    )


def _chat_posts(server) -> int:
    return sum(CHAT_POST in line for line in list(server.log))


if __name__ == "__main__":
    main()
