"""The house style is checked by the suite itself, so CI enforces it."""

import importlib.util
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
TARGETS = ["interviewer", "tests", "benchmarks"]


def _ruff(*args: str) -> subprocess.CompletedProcess:
    ruff = shutil.which("ruff") or pytest.skip("ruff is not installed (pip install -e '.[test]')")
    return subprocess.run(
        [ruff, *args, *TARGETS], cwd=ROOT, capture_output=True, text=True, check=False
    )


def test_ruff_lint_is_clean():
    result = _ruff("check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_ruff_format_is_clean():
    result = _ruff("format", "--check")
    assert result.returncode == 0, result.stdout + result.stderr


def test_types_check():
    """mypy over the package: the type hints are a promise, so CI holds them."""
    if importlib.util.find_spec("mypy") is None:
        pytest.fail("mypy is not installed: run pip install -e '.[test]' again")
    result = subprocess.run(
        [sys.executable, "-m", "mypy", "interviewer"],
        cwd=ROOT,
        capture_output=True,
        text=True,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr


def test_core_modules_never_import_click():
    offenders = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "interviewer").rglob("*.py")
        if path.relative_to(ROOT).as_posix()
        not in {"interviewer/cli.py", "interviewer/__main__.py"}
        and "import click" in path.read_text(encoding="utf-8")
    ]
    assert offenders == [], f"only cli.py may know about click: {offenders}"
    assert sys.version_info >= (3, 11)


def test_only_the_environment_module_reads_the_environment():
    """Every variable the tool obeys is listed in interviewer/environment.py."""
    readers = [
        str(path.relative_to(ROOT))
        for path in (ROOT / "interviewer").rglob("*.py")
        if path.name != "environment.py"
        and any(word in path.read_text(encoding="utf-8") for word in ("os.environ", "getenv("))
    ]
    assert readers == []
