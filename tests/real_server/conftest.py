"""A real llama.cpp server (llama-cpp-python's) with a real tiny model, started once per test run.

Without it prepared, the tests here skip with one line saying how to prepare it; under CI
(CI=true) they fail instead, so a broken preparation can never pass as green.
"""

from __future__ import annotations

import os
import subprocess
import sys
import threading
from collections import deque
from dataclasses import dataclass

import pytest

from tests.real_server import prepare

CONTEXT_TOKENS = 4096
THREADS = 2
LOG_NAME = "llama-server.log"  # the whole server log of the last run, beside the model
START_TIMEOUT = 180.0  # loading the model takes a second or two; a busy CI machine, far longer
READY_LINE = "Uvicorn running on"
LOG_LINES_SHOWN = 30


@dataclass
class RealServer:
    base_url: str
    model: str
    process: subprocess.Popen
    log: deque[str]

    def log_tail(self) -> str:
        return "\n".join(list(self.log)[-LOG_LINES_SHOWN:])


def pytest_collection_modifyitems(items):
    """Every test in this folder is a real-server test, with time for a slow CPU model."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.real_server)
            item.add_marker(pytest.mark.timeout(600))


@pytest.fixture(scope="session")
def real_server():
    _require_prepared()
    port = _free_port()
    command = [
        *(sys.executable, "-m", "llama_cpp.server", "--model", str(prepare.model_path())),
        *("--host", "127.0.0.1", "--port", str(port)),
        *("--n_threads", str(THREADS), "--n_ctx", str(CONTEXT_TOKENS)),
    ]
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    )
    server = RealServer(
        base_url=f"http://127.0.0.1:{port}/v1",
        model=str(prepare.model_path()),
        process=process,
        log=deque(maxlen=2000),
    )
    try:
        _wait_until_ready(server)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()
        process.stdout.close()


@pytest.fixture
def real_env(real_server, monkeypatch):
    """Point the CLI at the real server, as a user of a local server would: no key needed."""
    monkeypatch.setenv("OPENAI_BASE_URL", real_server.base_url)
    monkeypatch.setenv("INTERVIEWER_MODEL", real_server.model)
    return real_server


def _require_prepared() -> None:
    missing = [
        what
        for what, ready in (
            ("llama-cpp-python's server", prepare.server_installed()),
            (f"the model {prepare.model_path()}", prepare.model_ready()),
        )
        if not ready
    ]
    if not missing:
        return
    message = (
        f"real-server tests need {' and '.join(missing)}: run `python -m tests.real_server.prepare`"
    )
    if os.environ.get("CI", "").lower() in ("1", "true", "yes"):
        pytest.fail(message, pytrace=False)
    pytest.skip(message)


def _wait_until_ready(server: RealServer) -> None:
    """Read the server's output until uvicorn says it listens (a handshake, not a sleep)."""
    ready = threading.Event()

    def pump() -> None:
        with (prepare.cache_dir() / LOG_NAME).open("w", encoding="utf-8") as saved:
            for line in server.process.stdout:
                saved.write(line)
                saved.flush()
                server.log.append(line.rstrip("\n"))
                if READY_LINE in line:
                    ready.set()
        ready.set()  # the process ended: stop waiting

    threading.Thread(target=pump, daemon=True, name="llama-server-log").start()
    if not ready.wait(START_TIMEOUT) or server.process.poll() is not None:
        server.process.kill()
        pytest.fail(
            f"llama.cpp server did not start within {START_TIMEOUT:.0f} s:\n{server.log_tail()}",
            pytrace=False,
        )


def _free_port() -> int:
    import socket

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
