"""The CLI starts light, and the wheel works on its own: prompts shipped, no checkout needed.

These tests start subprocesses and build a wheel, so they take a few seconds; they stay in the
default run because a wheel without its prompts only fails once installed somewhere else.
"""

import json
import os
import subprocess
import sys
import zipfile
from pathlib import Path

import pytest

from interviewer import __version__, templates
from interviewer.cli import cli
from interviewer.contract import Verdict
from interviewer.executive.question_bank import load_bank
from interviewer.grading.offline import OfflineGrader
from interviewer.guidance import CRITERION_IDS, load_guidance

REPO = Path(__file__).resolve().parents[1]
HEAVY = ("openai", "tiktoken", "httpx2", "httpx", "jinja2", "pydantic", "pydantic_core")

# Runs every command's --help, then prints which heavy modules got imported.
HELP_PROBE = """
import json, sys
{prelude}
from interviewer.cli import cli

def paths(group, prefix=()):
    for name, command in group.commands.items():
        yield (*prefix, name)
        if hasattr(command, "commands"):
            yield from paths(command, (*prefix, name))

commands = [(), *paths(cli)]
for path in commands:
    cli.main([*path, "--help"], standalone_mode=False)
heavy = set(sys.argv[1:])
imported = sorted(m for m in sys.modules if m.split(".")[0] in heavy)
print(json.dumps({"commands": len(commands), "heavy": imported}))
"""

# Loads everything the installed package reads from prompts/, and says where it came from.
INSTALLED_PROBE = """
import json
import interviewer
from interviewer import templates
from interviewer.guidance import load_guidance
from interviewer.executive.question_bank import load_bank

for name in templates.template_names():
    env = templates.html_environment() if name.endswith(".html.j2") else templates.environment()
    env.get_template(name)
print(json.dumps({
    "file": interviewer.__file__,
    "prompts": str(templates.prompts_dir()),
    "templates": templates.template_names(),
    "criteria": [c.id for c in load_guidance().criteria],
    "bank": [q.id for q in load_bank()],
    "prompt_version": templates.prompt_version(),
}))
"""

QUESTION = "Why you?"
ANSWER = "At Acme I cut costs by 20% in 2023 by renegotiating vendor contracts myself."


def _python(*args: object, **options) -> subprocess.CompletedProcess:
    """Run this interpreter in a child process; a failure shows the child's stderr."""
    command = [sys.executable, *map(str, args)]
    result = subprocess.run(command, capture_output=True, text=True, timeout=120, **options)
    assert result.returncode == 0, result.stderr
    return result


def _last_json_line(output: str):
    return json.loads(output.strip().splitlines()[-1])


# --- a light start -----------------------------------------------------------------------------


def test_help_imports_no_heavy_module():
    result = _python("-c", HELP_PROBE.replace("{prelude}", ""), *HEAVY)
    found = _last_json_line(result.stdout)
    assert found["commands"] > len(cli.commands)  # the group, each command, config's subcommands
    assert result.stdout.count("Usage:") == found["commands"]
    assert found["heavy"] == []


def test_help_probe_would_see_a_heavy_import():
    """The probe above is only worth something if it notices a heavy module when there is one."""
    result = _python("-c", HELP_PROBE.replace("{prelude}", "import interviewer.templates"), *HEAVY)
    assert "jinja2" in _last_json_line(result.stdout)["heavy"]


def test_version_flag_prints_the_package_version():
    result = _python("-m", "interviewer", "--version")
    assert result.stdout.split()[-1] == __version__
    assert "interviewer" in result.stdout


# --- the wheel ---------------------------------------------------------------------------------


def _prompt_files() -> list[Path]:
    root = REPO / "prompts"
    return sorted(p.relative_to(root) for p in root.rglob("*") if p.is_file())


@pytest.fixture(scope="module")
def wheel(tmp_path_factory) -> Path:
    """A wheel built from this checkout with the hatchling already installed (no network)."""
    pytest.importorskip("hatchling", reason="building the wheel needs hatchling (test extras)")
    out = tmp_path_factory.mktemp("wheel")
    _python(
        "-m",
        "pip",
        "wheel",
        "--no-deps",
        "--no-build-isolation",
        "--no-index",
        "--disable-pip-version-check",
        "-q",
        "-w",
        out,
        REPO,
    )
    (built,) = out.glob("interviewer-*.whl")
    return built


@pytest.fixture(scope="module")
def installed(wheel) -> Path:
    """The wheel installed into a bare folder, as a user's site-packages would hold it."""
    site = wheel.parent / "site"
    _python(
        "-m",
        "pip",
        "install",
        "--no-deps",
        "--no-index",
        "--disable-pip-version-check",
        "-q",
        "--target",
        site,
        wheel,
    )
    return site


def _installed_run(site: Path, *args: object) -> subprocess.CompletedProcess:
    """Run with only the installed copy importable: no checkout on the path, cwd outside it."""
    env = dict(os.environ, PYTHONPATH=str(site))
    return _python(*args, env=env, cwd=site.parent)


def test_wheel_ships_every_prompt_file(wheel):
    with zipfile.ZipFile(wheel) as archive:
        names = set(archive.namelist())
        for relative in _prompt_files():
            shipped = f"interviewer/prompts/{relative.as_posix()}"
            assert shipped in names
            assert archive.read(shipped) == (REPO / "prompts" / relative).read_bytes()
    assert _prompt_files()
    assert not any(name.startswith(("tests/", "prompts/")) for name in names)


def test_installed_package_reads_its_own_prompts(installed):
    found = _last_json_line(_installed_run(installed, "-c", INSTALLED_PROBE).stdout)
    package = installed / "interviewer"
    assert Path(found["file"]).resolve().is_relative_to(package.resolve())
    assert Path(found["prompts"]).resolve() == (package / "prompts").resolve()
    assert found["templates"] == templates.template_names()
    assert found["criteria"] == list(CRITERION_IDS)
    assert found["bank"] == [q.id for q in load_bank()]
    assert found["prompt_version"] == templates.prompt_version()


def test_installed_cli_critiques_offline(installed):
    command = ("critique", "--offline", "-q", QUESTION, "-a", ANSWER, "--format", "json")
    result = _installed_run(installed, "-m", "interviewer", *command)
    critique = json.loads(result.stdout)
    assert (critique["question"], critique["answer"]) == (QUESTION, ANSWER)
    assert [c["id"] for c in critique["criteria"]] == list(CRITERION_IDS)
    assert critique["verdict"] in Verdict.__args__
    assert critique["grader"]["backend"] == "offline"
    assert critique["grader"]["prompt_version"] == OfflineGrader().prompt_version
    assert load_guidance().version in critique["grader"]["prompt_version"]
