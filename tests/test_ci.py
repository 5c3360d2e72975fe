"""CI runs exactly what the README tells a contributor to run, so the two cannot drift apart."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def test_ci_runs_the_readme_test_command():
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    ci_lines = (ROOT / ".ci" / "run").read_text(encoding="utf-8").strip().splitlines()
    command = ci_lines[-1]
    assert "pytest" in command and "tests.real_server.prepare" in command
    assert f"\n{command}\n" in readme
