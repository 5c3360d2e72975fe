"""Choose the grader: the LLM endpoint when one is configured, the offline analysis otherwise."""

from collections.abc import Callable
from typing import TYPE_CHECKING

from interviewer.grading.pipeline import Grader
from interviewer.settings import Settings

if TYPE_CHECKING:
    from interviewer.prep.draft import PrepInputs, ProfileDraft


def make_client(settings: Settings, *, background: bool = False):
    """An LLMClient for the configured endpoint (imports the SDK only now); a background one
    (the grader's) lets the conversation's requests to the same endpoint go first."""
    from interviewer.llm.client import Endpoint, LLMClient

    return LLMClient(Endpoint.from_settings(settings), background=background)


def make_grader(settings: Settings) -> Grader:
    if settings.use_offline:
        from interviewer.grading.offline import OfflineGrader

        return OfflineGrader()
    from interviewer.grading.llm import LLMGrader
    from interviewer.llm.window import window_for

    client = make_client(settings, background=True)
    window = window_for(client.endpoint, settings.context_tokens)
    return LLMGrader(client, model=str(settings.model), context_tokens=window.tokens)


def make_executive(settings: Settings):
    """The executive across the table: scripted offline, or the configured LLM."""
    if settings.use_offline:
        from interviewer.executive.offline import OfflineExecutive

        return OfflineExecutive()
    from interviewer.executive.llm import LLMExecutive
    from interviewer.llm.window import window_for

    client = make_client(settings)
    window = window_for(client.endpoint, settings.context_tokens)
    return LLMExecutive(client, model=str(settings.model), context_tokens=window.tokens)


def make_drafter(settings: Settings) -> tuple[Callable[["PrepInputs"], "ProfileDraft"], str]:
    """The profile drafter for `profile new`, and how the summary names it: the rules offline,
    else the configured model, its every item checked against the documents (prep/extract_llm.py)."""
    if settings.use_offline:
        from interviewer.prep.extract import draft_profile

        return draft_profile, "rule-based draft, offline"
    import functools

    from interviewer.llm.window import window_for
    from interviewer.prep import extract_llm

    client = make_client(settings)
    window = window_for(client.endpoint, settings.context_tokens)
    drafter = functools.partial(
        extract_llm.draft_profile_with_llm, client=client, context_tokens=window.tokens
    )
    return drafter, f"drafted by {settings.model}, each item checked against your documents"
