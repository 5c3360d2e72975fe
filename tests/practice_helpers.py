"""Helpers for whole-interview tests: run the CLI with scripted input and read the session log."""

from click.testing import CliRunner

from interviewer.cli import cli
from interviewer.session.log import list_sessions, load_transcript

STRONG = (
    "At Lumen Retail in 2023 I personally led the review of our cloud spend and reliability. "
    "I moved batch jobs to spot instances, set a budget per team and ran the weekly incident review myself. "
    "As a result the AWS bill fell 22% in two quarters and availability rose to 99.95%, "
    "which is why I am confident I can do the same for your dispatch platform."
)
CRITIQUE_KEYS = [
    "question",
    "answer",
    "overall",
    "verdict",
    "criteria",
    "strengths",
    "improvements",
    "improved_answer",
    "flags",
    "grader",
]  # the public JSON contract, in order
VAGUE = "I think we did a lot of things there and it was generally good."


def blocks(*answers: str) -> str:
    """Answers as a script types them: separated by blank lines."""
    return "".join(f"{answer}\n\n" for answer in answers)


def run(*args: str, input: str = ""):
    return CliRunner().invoke(cli, list(args), input=input, catch_exceptions=False)


def only_session():
    sessions = list_sessions()
    assert len(sessions) == 1, sessions
    return load_transcript(sessions[0].session_id)


def events_of(transcript, kind: str) -> list[dict]:
    return [e for e in transcript.events if e["type"] == kind]
