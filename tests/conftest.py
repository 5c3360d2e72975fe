"""Shared fixtures: every test runs in its own home folder, with no real keys or endpoints."""

import pytest

from tests.llm_server import LLMServer

_ISOLATED_VARIABLES = (
    "OPENAI_API_KEY",
    "OPENAI_BASE_URL",
    "OPENAI_ORG_ID",
    "OPENAI_PROJECT_ID",
    "INTERVIEWER_MODEL",
    "INTERVIEWER_TIMEOUT",
    "INTERVIEWER_MAX_RETRIES",
    "INTERVIEWER_OFFLINE",
    "INTERVIEWER_CONTEXT_TOKENS",
    "INTERVIEWER_DEBUG",
    "EDITOR",
    "VISUAL",
)


@pytest.fixture(autouse=True)
def isolated_home(tmp_path, monkeypatch):
    """Point every config and data path at a fresh folder and forget the developer's settings."""
    home = tmp_path / "home"
    monkeypatch.setenv("INTERVIEWER_HOME", str(home))
    monkeypatch.setenv("INTERVIEWER_TOKENIZER", "estimate")  # tiktoken would try to download
    for name in _ISOLATED_VARIABLES:
        monkeypatch.delenv(name, raising=False)
    return home


@pytest.fixture
def llm_server():
    server = LLMServer().start()
    yield server
    server.stop()


@pytest.fixture
def llm_env(llm_server, monkeypatch):
    """Configure the environment so the CLI talks to the scripted server."""
    monkeypatch.setenv("OPENAI_BASE_URL", llm_server.base_url)
    monkeypatch.setenv("OPENAI_API_KEY", "sk-test-secret-0000")
    monkeypatch.setenv("INTERVIEWER_MODEL", "test-model")
    monkeypatch.setenv("INTERVIEWER_MAX_RETRIES", "2")
    return llm_server
