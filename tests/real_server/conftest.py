"""A real llama.cpp server (llama-cpp-python's) with a real tiny model, started once per test run.

Without it prepared, the tests here skip with one line saying how to prepare it; under CI
(CI=true) they fail instead, so a broken preparation can never pass as green.
"""

from __future__ import annotations

import os

import pytest

from tests.real_server import prepare
from tests.real_server.server import ServerDidNotStart, start_server


def pytest_collection_modifyitems(items):
    """Every test in this folder is a real-server test, with time for a slow CPU model."""
    here = os.path.dirname(__file__)
    for item in items:
        if str(item.fspath).startswith(here):
            item.add_marker(pytest.mark.real_server)
            item.add_marker(pytest.mark.timeout(900))


@pytest.fixture(scope="session")
def real_server():
    _require_prepared()
    try:
        server = start_server()
    except ServerDidNotStart as error:
        pytest.fail(str(error), pytrace=False)
    yield server
    server.stop()


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
