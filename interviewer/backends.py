"""Choose the grader: the LLM endpoint when one is configured, the offline analysis otherwise."""

from interviewer.grading import Grader
from interviewer.settings import Settings


def make_client(settings: Settings):
    """An LLMClient for the configured endpoint (imports the SDK only now)."""
    from interviewer.llm import Endpoint, LLMClient

    return LLMClient(Endpoint.from_settings(settings))


def make_grader(settings: Settings) -> Grader:
    if settings.use_offline:
        from interviewer.offline_grader import OfflineGrader

        return OfflineGrader()
    from interviewer.llm_grader import LLMGrader

    return LLMGrader(make_client(settings), model=str(settings.model))


def make_executive(settings: Settings):
    """The executive across the table: scripted offline, or the configured LLM."""
    if settings.use_offline:
        from interviewer.executive import OfflineExecutive

        return OfflineExecutive()
    from interviewer.llm_executive import LLMExecutive

    client = make_client(settings)
    return LLMExecutive(client, model=str(settings.model), context_tokens=settings.context_tokens)
