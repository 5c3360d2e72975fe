"""Rehearse the second-round job interview: an executive who probes, and a grader who cites you.

The public API, for scripts and other tools:

    from interviewer import critique_answer, OfflineGrader, load_profile
    critique = critique_answer(question, answer, grader=OfflineGrader(), profile=load_profile(path))
    print(critique.to_json_dict())

Names are imported on first use, so `import interviewer` (and `interviewer --help`) stays instant.
"""

import importlib
from typing import Any

__version__ = "0.1.0"

_EXPORTS = {
    "critique_answer": "interviewer.grading.pipeline",
    "Critique": "interviewer.contract",
    "CriterionResult": "interviewer.contract",
    "Flag": "interviewer.contract",
    "OfflineGrader": "interviewer.grading.offline",
    "LLMGrader": "interviewer.grading.llm",
    "Profile": "interviewer.profile",
    "load_profile": "interviewer.profile",
    "Settings": "interviewer.settings",
    "resolve_settings": "interviewer.settings",
    "make_grader": "interviewer.backends",
    "make_executive": "interviewer.backends",
    "Interview": "interviewer.session.interview",
    "InterviewOptions": "interviewer.session.state",
    "Report": "interviewer.report.records",
    "load_guidance": "interviewer.guidance",
    "InterviewerError": "interviewer.errors",
}
__all__ = ["__version__", *_EXPORTS]


def __getattr__(name: str) -> Any:
    """Import a public name from its home module the first time it is asked for."""
    if name not in _EXPORTS:
        raise AttributeError(f"module 'interviewer' has no attribute {name!r}")
    value = getattr(importlib.import_module(_EXPORTS[name]), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return sorted(__all__)
