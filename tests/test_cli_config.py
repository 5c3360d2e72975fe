"""`interviewer config`, `models`, `--version` and `python -m interviewer`: settings are shown with
their source, stored safely, and the API key never appears anywhere."""

import os
import re
import subprocess
import sys

import pytest

from interviewer import __version__
from interviewer.settings import SPECS
from tests.practice_helpers import run

SETTING_LINE = re.compile(r"^\s+(\w+)\s+(.*?)\s+\(([^()]+)\)$")


def shown_settings() -> dict[str, tuple[str, str]]:
    """`interviewer config` as {name: (value, source)}."""
    result = run("config")
    assert result.exit_code == 0, result.output
    found = {}
    for line in result.stdout.splitlines():
        match = SETTING_LINE.match(line)
        if match:
            found[match.group(1)] = (match.group(2), match.group(3))
    return found


def assert_one_error_line(result, *, exit_code: int = 2) -> str:
    assert result.exit_code == exit_code, result.output
    assert "Traceback" not in result.output
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1 and lines[0].startswith("Error: "), result.stderr
    return lines[0]


# -- showing ----------------------------------------------------------------------------------------


def test_config_lists_every_setting_with_its_default_source():
    shown = shown_settings()
    assert list(shown) == list(SPECS)
    assert all(source == "default" for _value, source in shown.values())
    assert shown["model"][0] == str(SPECS["model"].default)


def test_nothing_configured_means_the_offline_engine(isolated_home):
    result = run("config")
    assert "offline" in result.stdout.split("engine:")[1].splitlines()[0]
    assert f"config file: {isolated_home / 'config.toml'}" in result.stdout


def test_environment_values_name_their_variable(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "12.5")
    monkeypatch.setenv("INTERVIEWER_MAX_RETRIES", "5")
    shown = shown_settings()
    assert shown["timeout"] == ("12.5", "env INTERVIEWER_TIMEOUT")
    assert shown["max_retries"] == ("5", "env INTERVIEWER_MAX_RETRIES")
    assert shown["model"][1] == "default"


def test_the_key_is_set_hidden_and_never_shown(monkeypatch):
    secret = "sk-config-DO-NOT-PRINT-31337"
    monkeypatch.setenv("OPENAI_API_KEY", secret)
    result = run("config")
    assert secret not in result.output
    assert shown_settings()["api_key"] == ("set (hidden)", "env OPENAI_API_KEY")
    assert "LLM endpoint" in result.stdout


def test_a_broken_config_file_is_one_line_naming_it(isolated_home):
    config = isolated_home / "config.toml"
    config.parent.mkdir(parents=True, exist_ok=True)
    config.write_text("model = = 'x'\n", encoding="utf-8")
    assert str(config) in assert_one_error_line(run("config"))


# -- storing ----------------------------------------------------------------------------------------


def test_set_then_show_then_unset(isolated_home):
    config = isolated_home / "config.toml"
    assert run("config", "set", "model", "llama3.1:8b").exit_code == 0
    assert shown_settings()["model"] == ("llama3.1:8b", f"config {config}")
    assert run("config", "unset", "model").exit_code == 0
    assert "model" not in config.read_text(encoding="utf-8")
    assert shown_settings()["model"] == (str(SPECS["model"].default), "default")


def test_the_environment_beats_the_config_file(monkeypatch):
    assert run("config", "set", "model", "from-file").exit_code == 0
    monkeypatch.setenv("INTERVIEWER_MODEL", "from-env")
    assert shown_settings()["model"] == ("from-env", "env INTERVIEWER_MODEL")


def test_typed_values_are_stored_with_their_type(isolated_home):
    assert run("config", "set", "timeout", "30").exit_code == 0
    assert run("config", "set", "offline", "yes").exit_code == 0
    shown = shown_settings()
    assert shown["timeout"][0] == "30.0" and shown["offline"][0] == "True"
    text = (isolated_home / "config.toml").read_text(encoding="utf-8")
    assert "timeout = 30.0" in text and "offline = true" in text


@pytest.mark.skipif(sys.platform == "win32", reason="POSIX permissions")
def test_the_config_file_is_private(isolated_home):
    assert run("config", "set", "model", "x").exit_code == 0
    assert (isolated_home / "config.toml").stat().st_mode & 0o777 == 0o600


def test_the_api_key_is_never_written(isolated_home):
    secret = "sk-never-on-disk-9999"
    config = isolated_home / "config.toml"
    line = assert_one_error_line(run("config", "set", "api_key", secret))
    assert "OPENAI_API_KEY" in line and secret not in line
    assert not config.exists()
    run("config", "set", "model", "x")
    before = config.read_text(encoding="utf-8")
    assert_one_error_line(run("config", "set", "api_key", secret))
    assert config.read_text(encoding="utf-8") == before


@pytest.mark.parametrize(
    ("name", "value", "words"),
    [
        ("timeout", "abc", "'timeout'"),
        ("max_retries", "2.5", "'max_retries'"),
        ("offline", "maybe", "'offline'"),
        ("timeout", "-1", "negative"),
        ("colour", "red", "'colour'"),
    ],
    ids=["timeout-text", "retries-fraction", "offline-word", "negative", "unknown-name"],
)
def test_bad_values_are_refused_and_nothing_is_written(isolated_home, name, value, words):
    line = assert_one_error_line(run("config", "set", "--", name, value))
    assert words in line
    assert not (isolated_home / "config.toml").exists()


def test_config_path_is_under_the_home_folder(isolated_home):
    result = run("config", "path")
    assert result.exit_code == 0
    assert result.stdout.strip() == str(isolated_home / "config.toml")


# -- models, version, module entry ------------------------------------------------------------------


def test_models_without_an_endpoint_is_one_line():
    line = assert_one_error_line(run("models"))
    assert "OPENAI_BASE_URL" in line


def test_models_lists_what_the_endpoint_serves(llm_env):
    result = run("models")
    assert result.exit_code == 0, result.output
    assert result.stdout.split() == ["test-model"]
    assert "sk-test-secret-0000" not in result.output


def test_version():
    result = run("--version")
    assert result.exit_code == 0
    assert result.stdout.strip() == f"interviewer, version {__version__}"


def test_python_dash_m_shows_the_help():
    completed = subprocess.run(
        [sys.executable, "-m", "interviewer", "--help"],
        capture_output=True,
        text=True,
        env=os.environ.copy(),
        timeout=30,
    )
    assert completed.returncode == 0, completed.stderr
    assert completed.stdout.startswith("Usage: interviewer ")
    for command in ("critique", "practice", "config", "models"):
        assert command in completed.stdout
    assert completed.stderr == ""
