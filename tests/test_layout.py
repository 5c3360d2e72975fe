"""The README's layout lists every module of the package, and nothing that is not there."""

import re
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent


def _listed() -> set[str]:
    readme = (ROOT / "README.md").read_text(encoding="utf-8")
    block = readme.split("## Layout", 1)[1].split("```", 2)[1]
    listed, folder = set(), ""
    for line in block.splitlines():
        match = re.match(r"^(\s*)(\S+)", line)
        if not match:
            continue
        indent, name = len(match.group(1)), match.group(2)
        if indent == 2 and name.endswith("/"):
            folder = name
        elif indent == 2:
            folder, listed = "", listed | {name}
        elif indent == 4 and name.endswith(".py"):
            listed.add(folder + name)
    return listed


def _modules() -> set[str]:
    package = ROOT / "interviewer"
    found = {p.relative_to(package).as_posix() for p in package.rglob("*.py")}
    return {name for name in found if not name.endswith("/__init__.py")}


def test_readme_layout_lists_every_module():
    missing = sorted(_modules() - _listed())
    assert missing == [], f"add a line for each to README.md's Layout section: {missing}"


def test_readme_layout_lists_nothing_that_is_gone():
    stale = sorted(_listed() - _modules())
    assert stale == [], f"remove from README.md's Layout section: {stale}"


def test_the_public_api_resolves_every_name_it_exports():
    import interviewer

    for name in interviewer.__all__:
        assert getattr(interviewer, name) is not None, name


def test_the_public_api_critiques_an_answer():
    from interviewer import OfflineGrader, Profile, critique_answer

    critique = critique_answer(
        "How did you cut costs?",
        "At Harbour Logistics I renegotiated the two freight contracts myself and cut costs 12%.",
        grader=OfflineGrader(),
        profile=Profile(focus_areas=["cost control"]),
    )
    assert critique.verdict in ("strong", "adequate", "weak") and critique.overall is not None
