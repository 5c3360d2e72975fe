"""Start and stop llama-cpp-python's server with the prepared model, for the tests and benchmarks.

The server is ready when uvicorn says it listens: we read its output for that line (a handshake,
not a sleep) and keep the whole log beside the model for figures and post-mortems.
"""

from __future__ import annotations

import socket
import subprocess
import sys
import threading
import time
from collections import deque
from dataclasses import dataclass, field

from tests.real_server import prepare

CONTEXT_TOKENS = 4096
THREADS = 2
START_TIMEOUT = 180.0  # loading takes about a second; a busy CI machine can take far longer
READY_LINE = "Uvicorn running on"
LOG_NAME = "llama-server.log"  # the whole log of the last run, beside the model
LOG_LINES_SHOWN = 30


class ServerDidNotStart(RuntimeError):
    """The process ended, or never said it was listening; the message holds its last lines."""


@dataclass
class RealServer:
    base_url: str
    model: str
    process: subprocess.Popen
    log: deque[str] = field(default_factory=lambda: deque(maxlen=2000))
    ready_after: float = 0.0  # seconds from launch to listening (the model load, mostly)

    def log_tail(self) -> str:
        return "\n".join(list(self.log)[-LOG_LINES_SHOWN:])

    def stop(self) -> None:
        self.process.terminate()
        try:
            self.process.wait(timeout=15)
        except subprocess.TimeoutExpired:
            self.process.kill()
            self.process.wait()
        if self.process.stdout:
            self.process.stdout.close()


def start_server() -> RealServer:
    """Launch the server on a free 127.0.0.1 port and wait until it listens."""
    port = _free_port()
    command = [
        *(sys.executable, "-m", "llama_cpp.server", "--model", str(prepare.model_path())),
        *("--host", "127.0.0.1", "--port", str(port)),
        *("--n_threads", str(THREADS), "--n_ctx", str(CONTEXT_TOKENS)),
    ]
    launched = time.monotonic()
    process = subprocess.Popen(
        command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, text=True, errors="replace"
    )
    server = RealServer(
        base_url=f"http://127.0.0.1:{port}/v1", model=str(prepare.model_path()), process=process
    )
    if not _listening(server):
        server.stop()
        raise ServerDidNotStart(
            f"llama.cpp server did not start within {START_TIMEOUT:.0f} s:\n{server.log_tail()}"
        )
    server.ready_after = time.monotonic() - launched
    return server


def _listening(server: RealServer) -> bool:
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
    return ready.wait(START_TIMEOUT) and server.process.poll() is None


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]
