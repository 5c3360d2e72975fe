"""Secrets stay secret: credentials in a base URL are masked and never stored or sent, and a server
error body that echoes a key or an Authorization header is scrubbed before it is shown."""

import json

import pytest

from interviewer import paths
from interviewer.redact import scrub_secrets, without_credentials
from tests.llm_server import Reply
from tests.practice_helpers import run

PASSWORD = "hunter2-Pa55word"
KEY = "sk-test-secret-0000"


def credentials_url(server) -> str:
    return server.base_url.replace("http://", f"http://alice:{PASSWORD}@")


def test_config_masks_the_password_in_a_base_url(llm_server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", credentials_url(llm_server))
    result = run("config")
    assert result.exit_code == 0, result.output
    assert PASSWORD not in result.output and "alice" not in result.output
    assert "http://***@127.0.0.1" in result.output


def test_a_base_url_with_credentials_is_refused_in_one_line_and_never_sent(llm_server, monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", credentials_url(llm_server))
    monkeypatch.setenv("OPENAI_API_KEY", KEY)
    monkeypatch.setenv("INTERVIEWER_MODEL", "test-model")
    result = run("critique", "-q", "Why you?", "-a", "Because I led the migration.")
    assert result.exit_code == 2, result.output
    assert result.stderr.count("\n") == 1 and "Traceback" not in result.output
    assert "user name or password" in result.stderr and "OPENAI_API_KEY" in result.stderr
    assert PASSWORD not in result.output
    assert llm_server.requests == []  # nothing went out with Basic auth instead of the key
    assert not paths.endpoint_memory_file().exists()


@pytest.mark.parametrize("command", [["doctor"], ["models"], ["practice", "-n", "1"]])
def test_every_command_refuses_url_credentials_without_showing_them(
    llm_server, monkeypatch, command
):
    monkeypatch.setenv("OPENAI_BASE_URL", credentials_url(llm_server))
    monkeypatch.setenv("INTERVIEWER_MODEL", "test-model")
    result = run(*command, input="An answer.\n\n")
    assert result.exit_code == 2, result.output
    assert PASSWORD not in result.output and "alice" not in result.output
    assert "***@127.0.0.1" in result.stderr
    assert llm_server.requests == []


def test_config_set_refuses_to_store_a_url_password(tmp_path):
    result = run("config", "set", "base_url", f"http://bob:{PASSWORD}@example.test/v1")
    assert result.exit_code == 2, result.output
    assert PASSWORD not in result.output
    config = paths.config_file()
    assert not config.exists() or PASSWORD not in config.read_text()


@pytest.mark.parametrize(
    "body",
    [
        f"invalid key {KEY[:-4]}**** for Authorization: Bearer {KEY}",
        "upstream said: Authorization: Basic YWxpY2U6aHVudGVyMg==",
        "request 3f9a0c1be2d4f6a8b0c2e4f6a8b0c2e4 failed with token sk-proj-AbCdEf0123456789xyz",
        '{"headers": {"x-api-key": "k-98fa7c2a8f8e4b1c9d7f3e2a1b0c9d8e"}}',
        "proxy http://carol:s3cretpw@10.0.0.1:3128 refused",
    ],
)
def test_server_error_bodies_are_scrubbed_before_they_are_shown(llm_env, body):
    llm_env.enqueue(*[Reply.failure(500, body)] * 3)
    result = run("critique", "-q", "Why you?", "-a", "Because I led the migration.")
    assert result.exit_code == 3, result.output
    shown = result.stderr
    assert "HTTP 500" in shown, shown
    for secret in (
        KEY,
        KEY[:-4],
        "YWxpY2U6aHVudGVyMg",
        "AbCdEf0123456789xyz",
        "s3cretpw",
        "98fa7c2a",
    ):
        assert secret not in shown, shown
    assert "[hidden]" in shown or "***" in shown


def test_endpoint_memory_keys_never_hold_credentials(tmp_path):
    from interviewer.llm.endpoint_memory import EndpointMemory

    memory = EndpointMemory(tmp_path / "endpoints.json")
    memory.remember_structured_mode(f"http://u:{PASSWORD}@host/v1", "m", "json_object")
    stored = (tmp_path / "endpoints.json").read_text()
    assert PASSWORD not in stored and json.loads(stored) == {
        "http://host/v1|m": {"structured_mode": "json_object"}
    }


def test_scrubbing_leaves_ordinary_text_alone():
    text = "model 'llama-3.1-8b' is loading; retry in 20 seconds (request 42)"
    assert scrub_secrets(text) == text
    assert without_credentials("http://host:8080/v1") == "http://host:8080/v1"
