"""Where the user's config and data live; INTERVIEWER_HOME puts both in one folder (tests, portable use)."""

import sys
from pathlib import Path

from interviewer import environment

APP_NAME = "interviewer"


def _home_override() -> Path | None:
    value = environment.read(environment.HOME)
    return Path(value).expanduser() if value else None


def config_dir() -> Path:
    """The folder holding config.toml, following each platform's convention."""
    override = _home_override()
    if override:
        return override
    if sys.platform == "win32":
        return Path(environment.read("APPDATA") or Path.home() / "AppData" / "Roaming") / APP_NAME
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = environment.read("XDG_CONFIG_HOME") or Path.home() / ".config"
    return Path(base) / APP_NAME


def data_dir() -> Path:
    """The folder holding session logs and what we learned about endpoints."""
    override = _home_override()
    if override:
        return override
    if sys.platform == "win32":
        return (
            Path(environment.read("LOCALAPPDATA") or Path.home() / "AppData" / "Local") / APP_NAME
        )
    if sys.platform == "darwin":
        return Path.home() / "Library" / "Application Support" / APP_NAME
    base = environment.read("XDG_DATA_HOME") or Path.home() / ".local" / "share"
    return Path(base) / APP_NAME


def config_file() -> Path:
    return config_dir() / "config.toml"


def sessions_dir() -> Path:
    return data_dir() / "sessions"


def endpoint_memory_file() -> Path:
    return data_dir() / "endpoints.json"
