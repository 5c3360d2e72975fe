import pytest

from interviewer import paths
from interviewer.errors import ConfigError
from interviewer.settings import DEFAULT_MODEL, resolve_settings, scrub, write_config_value


def test_defaults_mean_offline():
    settings = resolve_settings()
    assert settings.model == DEFAULT_MODEL and settings.sources["model"] == "default"
    assert settings.use_offline


def test_flag_beats_environment_beats_config_file(monkeypatch):
    write_config_value("model", "from-file")
    assert resolve_settings().sources["model"].startswith("config ")
    monkeypatch.setenv("INTERVIEWER_MODEL", "from-env")
    assert resolve_settings().model == "from-env"
    settings = resolve_settings({"model": "from-flag"})
    assert settings.model == "from-flag" and settings.sources["model"] == "flag"


def test_key_or_url_configures_an_endpoint(monkeypatch):
    monkeypatch.setenv("OPENAI_BASE_URL", "http://127.0.0.1:9/v1")
    assert not resolve_settings().use_offline
    assert resolve_settings({"offline": True}).use_offline


def test_key_is_never_shown_and_scrubbed(monkeypatch):
    monkeypatch.setenv("OPENAI_API_KEY", "sk-very-secret-123")
    settings = resolve_settings()
    assert settings.shown("api_key") == "set (hidden)"
    assert "sk-very-secret-123" not in repr(settings.sources)
    assert scrub("header sk-very-secret-123 leaked") == "header *** leaked"


def test_key_is_never_written():
    with pytest.raises(ConfigError, match="never writes API keys"):
        write_config_value("api_key", "sk-x")
    assert not paths.config_file().exists()


def test_set_and_unset_round_trip_with_types():
    path = write_config_value("timeout", "12.5")
    write_config_value("offline", "true")
    assert resolve_settings().timeout == 12.5 and resolve_settings().offline is True
    assert path.stat().st_mode & 0o077 == 0
    write_config_value("offline", None)
    assert resolve_settings().offline is False


@pytest.mark.parametrize(
    ("name", "value"),
    [("timeout", "soon"), ("offline", "maybe"), ("max_retries", "-1"), ("colour", "x")],
)
def test_bad_values_are_refused(name, value):
    with pytest.raises(ConfigError):
        write_config_value(name, value)


def test_unparseable_config_is_reported_and_never_overwritten():
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text("model = \n")
    with pytest.raises(ConfigError, match="not valid TOML"):
        write_config_value("model", "x")
    assert path.read_text() == "model = \n"


def test_wrong_type_in_config_file_names_the_key():
    path = paths.config_file()
    path.parent.mkdir(parents=True)
    path.write_text('timeout = "long"\n')
    with pytest.raises(ConfigError, match="'timeout' must be a number"):
        resolve_settings()


def test_bad_environment_value_is_explained(monkeypatch):
    monkeypatch.setenv("INTERVIEWER_TIMEOUT", "forever")
    with pytest.raises(ConfigError, match="INTERVIEWER_TIMEOUT"):
        resolve_settings()


def test_scrub_hides_a_key_echoed_back_in_base64_or_hex(monkeypatch):
    import base64

    from interviewer.settings import scrub

    monkeypatch.setenv("OPENAI_API_KEY", "hunter2pass")
    echoed = base64.b64encode(b"hunter2pass").decode()
    text = f"b64={echoed} bare={echoed.rstrip('=')} hex={b'hunter2pass'.hex()} raw=hunter2pass"
    shown = scrub(text)
    assert "hunter2pass" not in shown and echoed.rstrip("=") not in shown
    assert b"hunter2pass".hex() not in shown and shown.count("***") == 4
