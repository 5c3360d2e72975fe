"""Draft a profile with an LLM, keeping only what the candidate's own documents bear out.

The model reads the job ad, the CV and the notes as fenced data and returns each item with the
words it rests on; sourcing.py drops every item those words do not support, and the rule-based
draft fills whatever the model missed. Two unusable replies, or an endpoint that fails, leave the
rule-based draft with a notice; a setup mistake (no key, a rejected key, an unknown model) is
reported instead, since every later command would fail the same way.
"""

import functools
from collections.abc import Callable
from dataclasses import dataclass, replace
from typing import Any

from interviewer.errors import AuthenticationFailed, EndpointError, MissingApiKey, ModelNotFound
from interviewer.grading.injection import Fence
from interviewer.prep.draft import PrepInputs, ProfileDraft
from interviewer.prep.fitting import DraftFit
from interviewer.prep.sourcing import (
    LIST_FIELDS,
    MOST_ITEMS,
    SINGLE_FIELDS,
    Vetted,
    dropped_notice,
    reworded_notice,
    vet_reply,
)
from interviewer.templates import render

_ITEM = {
    "type": "object",
    "additionalProperties": False,
    "required": ["value", "source", "quote"],
    "properties": {
        "value": {"type": "string"},
        "source": {"type": "string", "enum": ["job ad", "CV", "notes"]},
        "quote": {"type": "string"},
    },
}
_ONE = {"anyOf": [{"$ref": "#/$defs/item"}, {"type": "null"}]}
_MANY = {"type": "array", "items": {"$ref": "#/$defs/item"}}
REPLY_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": [*SINGLE_FIELDS, *LIST_FIELDS],
    "properties": {name: _ONE for name in SINGLE_FIELDS} | {name: _MANY for name in LIST_FIELDS},
    "$defs": {"item": _ITEM},
}
ATTEMPTS = 2
OfflineDrafter = Callable[[PrepInputs], ProfileDraft]


def draft_profile_with_llm(
    inputs: PrepInputs,
    client,
    *,
    context_tokens: int,
    offline: OfflineDrafter | None = None,
) -> ProfileDraft:
    """The model's draft, vetted item by item and completed from the rule-based draft."""
    fallback = (offline or rule_based_draft)(inputs)
    try:
        drafted = model_draft(inputs, client, context_tokens=context_tokens)
    except (MissingApiKey, AuthenticationFailed, ModelNotFound):
        raise  # the user's setup: falling back would hide what every later command needs fixed
    except EndpointError as error:
        return _with_notice(fallback, f"the model could not draft the profile ({error})")
    return complete_draft(drafted, fallback)


def complete_draft(drafted: "ModelDraft", fallback: ProfileDraft) -> ProfileDraft:
    """The vetted draft with its gaps filled from `fallback`, or `fallback` itself (with a
    notice) when the model never replied usably."""
    if drafted.vetted is None:
        return _with_notice(fallback, f"the model's reply was unusable {ATTEMPTS} times")
    return _completed(drafted.vetted, fallback, list(drafted.notices))


def rule_based_draft(inputs: PrepInputs) -> ProfileDraft:
    """The offline draft (prep/extract.py): what fills the model's gaps, or replaces it."""
    from interviewer.prep.extract import draft_profile

    return draft_profile(inputs)


@dataclass(frozen=True)
class ModelDraft:
    """What the model proposed (its last reply, and the JSON in it) and what of it held up."""

    text: str
    reply: dict | None
    vetted: Vetted | None  # None: no usable reply in ATTEMPTS tries
    notices: tuple[str, ...]  # documents cut to fit the window


def model_draft(inputs: PrepInputs, client, *, context_tokens: int) -> ModelDraft:
    """Ask the model (twice at most) and vet its reply; benchmarks/profile_llm.py reads this."""
    from interviewer.llm.client import extract_json, schema_instruction

    fit = DraftFit(client.endpoint.model, context_tokens, schema_instruction(REPLY_SCHEMA))
    messages, notices = fit.fitted(inputs, request_messages)
    data, text = None, ""
    for _attempt in range(ATTEMPTS):
        text = client.complete_json(
            messages, schema=REPLY_SCHEMA, name="profile_draft", kind="profile"
        )
        data = extract_json(text)
        if data is not None and _shaped_like_a_draft(data):
            return ModelDraft(text, data, vet_reply(data, inputs), tuple(notices))
    return ModelDraft(text, data, None, tuple(notices))


def _shaped_like_a_draft(data: dict) -> bool:
    """A JSON object naming at least one field of a draft: anything else is unusable."""
    return any(name in data for name in (*SINGLE_FIELDS, *LIST_FIELDS))


@functools.cache
def system_prompt() -> str:
    """The stable part of every drafting prompt: byte-identical across calls, so it can be cached."""
    return render(
        "profile_draft_system.j2",
        max_focus_areas=MOST_ITEMS["focus_areas"],
        max_experiences=MOST_ITEMS["experiences"],
    )


def request_messages(inputs: PrepInputs) -> list[dict]:
    """The drafting conversation: fixed instructions, then each document fenced as data."""
    notes = [note.strip() for note in inputs.notes if note.strip()]
    job, cv = (inputs.job or "").strip(), (inputs.cv or "").strip()
    fence = Fence.around(job, cv, *notes)
    user = render("profile_draft.j2", fence=fence, job=job, cv=cv, notes=notes)
    return [{"role": "system", "content": system_prompt()}, {"role": "user", "content": user}]


def _completed(vetted: Vetted, fallback: ProfileDraft, notices: list[str]) -> ProfileDraft:
    """The vetted fields, with each one the model left empty taken from the rule-based draft."""
    fields: dict[str, Any] = dict(vetted.fields)
    filled = [name for name, value in fields.items() if not value and getattr(fallback, name)]
    for name in filled:
        fields[name] = getattr(fallback, name)
    notices = [*notices, *_vetting_notices(vetted)]
    if filled:
        shown = ", ".join(name.replace("_", " ") for name in filled)
        notices.append(f"the model found no {shown}; those come from the rule-based draft")
    return ProfileDraft(**fields, notices=tuple(notices))


def _vetting_notices(vetted: Vetted) -> list[str]:
    notices: list[str | None] = [dropped_notice(vetted), reworded_notice(vetted)]
    for name, count in vetted.over_limit.items():
        if count:
            label = name.replace("_", " ")
            notices.append(
                f"the model's {count} {label} beyond the first {MOST_ITEMS[name]} were left out"
            )
    return [notice for notice in notices if notice]


def _with_notice(draft: ProfileDraft, problem: str) -> ProfileDraft:
    return replace(draft, notices=(f"{problem}; this is the rule-based draft", *draft.notices))
