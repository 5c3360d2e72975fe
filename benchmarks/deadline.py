"""Seconds until `interviewer practice` gives up on a server whose stream never ends.

Run: python benchmarks/deadline.py [--timeout 8] [--give-up 120]
Starts the scripted test server (tests/llm_server.py) on 127.0.0.1, makes every streamed turn a
stream of keep-alive comments or of endless words, and times the CLI until it exits.
"""

import argparse
import os
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the scripted server lives with the tests

from tests.fake_llm_brain import Brain  # noqa: E402
from tests.llm_server import LLMServer, Reply  # noqa: E402


def seconds_to_exit(server: LLMServer, timeout: float, give_up: float) -> tuple[float, int | None]:
    env = {
        **os.environ,
        "OPENAI_BASE_URL": server.base_url,
        "OPENAI_API_KEY": "sk-benchmark",
        "INTERVIEWER_MODEL": "test-model",
        "INTERVIEWER_TIMEOUT": str(timeout),
        "INTERVIEWER_HOME": tempfile.mkdtemp(),
        "INTERVIEWER_TOKENIZER": "estimate",
    }
    command = [sys.executable, "-m", "interviewer", "practice", "--questions", "1"]
    started = time.monotonic()
    try:
        done = subprocess.run(
            command,
            input="An answer.\n\n",
            env=env,
            capture_output=True,
            text=True,
            timeout=give_up,
        )
    except subprocess.TimeoutExpired:
        return time.monotonic() - started, None
    return time.monotonic() - started, done.returncode


def hanging(brain: Brain, keepalive_only: bool):
    """Answer as a model would, except that every streamed turn never ends."""

    def respond(body: dict) -> Reply:
        if body.get("stream"):
            return Reply.never_ending(keepalive_only=keepalive_only, chunk_delay=0.5)
        return brain(body)

    return respond


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--timeout", type=float, default=8.0, help="INTERVIEWER_TIMEOUT")
    parser.add_argument("--give-up", type=float, default=120.0, help="stop waiting after this")
    args = parser.parse_args(argv)
    for keepalive_only in (True, False):
        server = LLMServer().start()
        server.responder = hanging(Brain(), keepalive_only)
        try:
            seconds, code = seconds_to_exit(server, args.timeout, args.give_up)
        finally:
            server.stop()
        kind = "keep-alive pings only" if keepalive_only else "endless words"
        ended = (
            f"exit {code}" if code is not None else f"still running, killed at {args.give_up:g} s"
        )
        print(f"stream of {kind:<22} timeout {args.timeout:g} s: {seconds:6.1f} s ({ended})")


if __name__ == "__main__":
    main(sys.argv[1:])
