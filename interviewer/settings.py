"""Settings resolve as flag > environment > config file > default, and remember where each came from.

Environment variables are read here and nowhere else. The API key may come from a flag, the
environment or a config file the user wrote; we never write it anywhere and never show it.
"""

import base64
import tomllib
from dataclasses import dataclass, field, fields
from pathlib import Path

from interviewer import environment, paths
from interviewer.errors import ConfigError
from interviewer.files import atomic_write_text
from interviewer.redact import mask_url_credentials, refuse_url_credentials

DEFAULT_MODEL = "gpt-4o-mini"
OPENAI_BASE_URL = "https://api.openai.com/v1"


@dataclass(frozen=True)
class Spec:
    env: str
    kind: type
    default: object
    help: str


SPECS: dict[str, Spec] = {
    "base_url": Spec(
        "OPENAI_BASE_URL", str, None, "OpenAI-compatible endpoint, e.g. http://localhost:11434/v1"
    ),
    "api_key": Spec(
        "OPENAI_API_KEY", str, None, "key for the endpoint (never stored by interviewer)"
    ),
    "model": Spec("INTERVIEWER_MODEL", str, DEFAULT_MODEL, "model name at the endpoint"),
    "timeout": Spec("INTERVIEWER_TIMEOUT", float, 60.0, "seconds to wait for one reply"),
    "max_retries": Spec(
        "INTERVIEWER_MAX_RETRIES", int, 2, "retries on rate limits and server errors"
    ),
    "offline": Spec(
        "INTERVIEWER_OFFLINE", bool, False, "always use the built-in offline executive and grader"
    ),
    "context_tokens": Spec(
        "INTERVIEWER_CONTEXT_TOKENS", int, None, "the model's context window, in tokens"
    ),
    "parallel_requests": Spec(
        "INTERVIEWER_PARALLEL_REQUESTS",
        int,
        None,
        "requests sent to the endpoint at once (default 1 for local servers, 8 for OpenAI)",
    ),
}
SECRET = "api_key"
_seen_keys: set[str] = set()


@dataclass(frozen=True, kw_only=True)
class Settings:
    """The resolved settings, one typed field per entry of SPECS, and where each value came from."""

    base_url: str | None = None
    api_key: str | None = field(default=None, repr=False)
    model: str = DEFAULT_MODEL
    timeout: float = 60.0
    max_retries: int = 2
    offline: bool = False
    context_tokens: int | None = None
    parallel_requests: int | None = None
    sources: dict[str, str] = field(default_factory=dict)

    @property
    def endpoint_configured(self) -> bool:
        """An endpoint counts as configured once a base URL or a key is set anywhere."""
        return self.base_url is not None or self.api_key is not None

    @property
    def use_offline(self) -> bool:
        return self.offline or not self.endpoint_configured

    def value(self, name: str) -> object:
        """The value of the setting called `name` (one of SPECS)."""
        if name not in SPECS:
            raise KeyError(name)
        return getattr(self, name)

    def shown(self, name: str) -> str:
        """A value fit to print: the key is only ever 'set' or 'not set'."""
        value = self.value(name)
        if name == SECRET:
            return "set (hidden)" if value else "not set"
        if name == "base_url" and value is None:
            return f"not set (OpenAI: {OPENAI_BASE_URL})" if self.api_key else "not set"
        return "not set" if value is None else mask_url_credentials(str(value))


def resolve_settings(flags: dict[str, object] | None = None) -> Settings:
    """Combine flags, environment, config file and defaults into one Settings."""
    flags = {k: v for k, v in (flags or {}).items() if v is not None}
    file_values = read_config_file()
    config_path = paths.config_file()
    values: dict[str, object] = {}
    sources: dict[str, str] = {}
    for name, spec in SPECS.items():
        env_value = environment.read(spec.env)
        if name in flags:
            values[name], sources[name] = flags[name], "flag"
        elif env_value:
            values[name] = _convert(name, env_value, f"environment variable {spec.env}")
            sources[name] = f"env {spec.env}"
        elif name in file_values:
            values[name], sources[name] = file_values[name], f"config {config_path}"
        else:
            values[name], sources[name] = spec.default, "default"
        if spec.kind is float and values[name] is not None:
            values[name] = float(values[name])  # type: ignore[arg-type]  # TOML may give an int
    if values[SECRET]:
        _seen_keys.add(str(values[SECRET]))
    return Settings(**values, sources=sources)  # type: ignore[arg-type]  # checked by _convert


def scrub(text: str) -> str:
    """Replace every API key this process has seen with ***, wherever it hides in `text`."""
    for key in _seen_keys | {environment.read(SPECS[SECRET].env) or ""}:
        if len(key) >= 4:
            for form in _encodings_of(key):
                text = text.replace(form, "***")
    return text


def _encodings_of(key: str) -> list[str]:
    """The key as written, and as a server might echo it back: base64 (with or without
    padding) and hex."""
    raw = key.encode("utf-8")
    encoded = base64.b64encode(raw).decode("ascii")
    return [key, encoded, encoded.rstrip("="), raw.hex()]


def read_config_file() -> dict[str, object]:
    """The config file's values, checked; a missing file is an empty config."""
    path = paths.config_file()
    try:
        text = path.read_text(encoding="utf-8")
    except FileNotFoundError:
        return {}
    except OSError as error:
        raise ConfigError(f"config {path}: cannot read it ({error})") from None
    try:
        data = tomllib.loads(text)
    except tomllib.TOMLDecodeError as error:
        raise ConfigError(
            f"config {path}: not valid TOML: {error}; fix or delete that line"
        ) from None
    except RecursionError:
        raise ConfigError(f"config {path}: nested too deeply; fix or delete the file") from None
    for name, value in data.items():
        _check_value(name, value, f"config {path}")
    return data


def write_config_value(name: str, raw: str | None) -> Path:
    """Set (or, with None, remove) one key in the config file, atomically."""
    if name == SECRET:
        raise ConfigError("interviewer never writes API keys to disk; set OPENAI_API_KEY instead")
    if name not in SPECS:
        raise ConfigError(f"unknown setting '{name}'; known: {', '.join(SPECS)}")
    if name == "base_url" and raw is not None:
        refuse_url_credentials(raw)  # a password must never reach the config file
    data = read_config_file()  # refuses to go on when the existing file cannot be parsed
    if raw is None:
        data.pop(name, None)
    else:
        data[name] = _convert(name, raw, "value")
    path = paths.config_file()
    atomic_write_text(path, "".join(f"{k} = {_toml_value(v)}\n" for k, v in data.items()))
    return path


def _check_value(name: str, value: object, where: str) -> None:
    if name not in SPECS:
        raise ConfigError(f"{where}: unknown key '{name}'; known keys: {', '.join(SPECS)}")
    kind = SPECS[name].kind
    ok = isinstance(value, kind) and not (kind is int and isinstance(value, bool))
    if kind is float and isinstance(value, int) and not isinstance(value, bool):
        ok = True
    if not ok:
        raise ConfigError(f"{where}: '{name}' must be {_KIND_WORDS[kind]} (got {value!r})")


_KIND_WORDS = {
    str: "text in quotes",
    float: "a number",
    int: "a whole number",
    bool: "true or false",
}


def _convert(name: str, raw: str, where: str) -> object:
    """Turn text from the environment or the command line into the setting's type."""
    kind = SPECS[name].kind
    try:
        if kind is bool:
            lowered = raw.lower()
            if lowered not in {"1", "true", "yes", "on", "0", "false", "no", "off"}:
                raise ValueError(raw)
            return lowered in {"1", "true", "yes", "on"}
        value = kind(raw)
    except ValueError:
        raise ConfigError(
            f"{where} for '{name}' must be {_KIND_WORDS[kind]} (got {raw!r})"
        ) from None
    if kind in (int, float) and value < 0:
        raise ConfigError(f"{where} for '{name}' must not be negative (got {raw!r})")
    return value


def _toml_value(value: object) -> str:
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, int | float):
        return repr(value)
    escaped = str(value).replace("\\", "\\\\").replace('"', '\\"')
    return f'"{escaped}"'


assert [f.name for f in fields(Settings)][:-1] == list(SPECS), "Settings and SPECS disagree"
