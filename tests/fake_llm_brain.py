"""A scripted stand-in for a model behind tests/llm_server.py, for whole-interview tests.

It reads each request the way our prompts shape it (grading, planning, executive turn, memo)
and answers in kind, so the real engine, SDK and HTTP path run end to end with no model.
"""

import json
import re
import threading
from dataclasses import dataclass, field

from interviewer.guidance import CRITERION_IDS
from tests.llm_server import Reply

_ANSWER = re.compile(r"<<<BEGIN ANSWER (\w+)>>>\n(.*?)\n<<<END ANSWER \1>>>", re.S)
_PLANNED = re.compile(r"<<<BEGIN PLANNED (\w+)>>> (.*?) <<<END PLANNED \1>>>", re.S)
_COUNT = re.compile(r"exactly (\d+) questions")
_TARGET = re.compile(r"\d+\. <<<BEGIN TARGET (\w+)>>> (.*?) <<<END TARGET \1>>>")


@dataclass
class Brain:
    """Answers requests by kind; tests tweak its fields to script behaviour."""

    turn_prefix: str = ""  # e.g. praise or a second question, to test the turn filter
    turn_suffix: str = ""
    grading_gate: threading.Event | None = None  # grading replies wait for this
    grading_delay: float = 0.0
    kinds: list[str] = field(default_factory=list)
    scored: tuple[str, ...] = CRITERION_IDS[:3]  # the criteria each grade scores 4 (the rest null)
    asks_targets: int = 0  # how many of the plan request's prep targets the plan asks about

    def __call__(self, body: dict) -> Reply:
        system = body["messages"][0]["content"]
        last = body["messages"][-1]["content"]
        if system.startswith("You assess answers"):
            return self._grade(last)
        if "draft your private plan" in last:
            return self._plan(last)
        if "private hiring memo" in system:
            self.kinds.append("memo")
            return Reply.json(
                {
                    "advance": False,
                    "headline": "Promising, but not yet the clear front-runner.",
                    "reasons": ["The cost story was concrete.", "Leadership evidence was thin."],
                }
            )
        return self._turn(last)

    def _grade(self, request: str) -> Reply:
        self.kinds.append("grade")
        answer = _ANSWER.search(request).group(2)
        quote = " ".join(answer.split()[:6])
        criteria = [
            {
                "id": cid,
                "score": 4 if cid in self.scored else None,
                "evidence": [quote] if cid in self.scored else [],
                "comment": "Specific.",
                "suggestion": "Lead with the result.",
            }
            for cid in CRITERION_IDS
        ]
        payload = {
            "criteria": criteria,
            "strengths": ["Concrete"],
            "improvements": ["Shorter"],
            "improved_answer": None,
            "verdict": "strong",
        }
        return Reply.json(payload, wait_for=self.grading_gate, delay=self.grading_delay)

    def _plan(self, request: str) -> Reply:
        self.kinds.append("plan")
        count = int(_COUNT.search(request).group(1))
        topics = [
            "cost control",
            "reliability",
            "leading managers",
            "a failure",
            "your preparation",
            "hiring",
            "budgets",
        ]
        questions = [
            {
                "text": f"Tell me about {topics[i % len(topics)]}: what did you do and what changed?",
                "focus_area": None,
                "criteria": ["experience_evidence"],
                "aim": f"aim {i}",
                "target": None,
            }
            for i in range(count)
        ]
        targets = [match.group(2) for match in _TARGET.finditer(request)][: self.asks_targets]
        for i, target in enumerate(reversed(targets)):  # asked last: the engine must reorder
            question = questions[count - 1 - i]
            question["text"] = f"On {target}: what did you do and what changed?"
            question["target"] = target
        return Reply.json({"questions": questions})

    def _turn(self, note: str) -> Reply:
        kind, text = _turn_text(note)
        self.kinds.append(kind)
        if kind in ("question", "follow_up"):
            text = f"{self.turn_prefix}{text}{self.turn_suffix}"
        return Reply.text(text)


def _turn_text(note: str) -> tuple[str, str]:
    if "Open the interview" in note:
        return "opening", "Good morning. I'm the CTO; time is short, so let's get straight to it."
    if (planned := _PLANNED.search(note)) is not None:
        return "question", planned.group(2)
    if "follow-up question that names this gap" in note:
        return "follow_up", "What did you personally decide there, and what was the result?"
    if "more relaxed conversation" in note:
        return "shift", "Let's drop the formality for the rest of this, call me Priya."
    if "Wrap up the questions" in note:
        return "closing", "We're nearly out of time. What would you like to ask me?"
    if "just asked you a question" in note:
        return "reply", "Honestly, the first six months are about cost and reliability."
    if "Close the interview" in note:
        return "farewell", "Thank you for your time; HR will be in touch this week."
    return "unknown", json.dumps({"unexpected": note[:80]})
