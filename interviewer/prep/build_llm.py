"""The prep brief with an LLM: sharper likely questions, story advice and a why-you draft, checked.

The offline brief is built first and is the floor. Readiness, whom to ask what, what not to ask,
what to keep and the register stay the rules' own, because they state facts about the profile.
The model may replace three kinds of part: a focus area's likely questions, a story's advice line
and the why-you draft. Each must pass the checks here (one question at a time, no fact the
candidate never gave, nothing that seeks inside information) or the offline part stays and the
brief's notices say which and why. An endpoint that fails gives the offline brief with a notice;
a setup the user must fix (no key, a rejected key, an unknown model) stops with its usual line.
"""

import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, replace

from interviewer.errors import (
    AuthenticationFailed,
    ContextOverflow,
    EndpointError,
    MissingApiKey,
    ModelNotFound,
)
from interviewer.grading.grounding import normalize
from interviewer.prep.brief import Brief, FocusPrep, StoryMatch
from interviewer.prep.facts import unsupported_facts
from interviewer.profile import Profile

MIN_QUESTIONS, MAX_QUESTIONS = 2, 3  # per focus area, as the offline brief gives
QUESTION_WORDS = (4, 40)
ADVICE_WORDS = (6, 80)
WHY_YOU_WORDS = (15, 200)
WHY_YOU_SENTENCES = 6
ATTEMPTS = 2  # a second request only when the first reply held no JSON object at all

REPLY_SCHEMA = {
    "type": "object",
    "additionalProperties": False,
    "required": ["questions", "advice", "why_you"],
    "properties": {
        "questions": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["area", "questions"],
                "properties": {
                    "area": {"type": "string"},
                    "questions": {"type": "array", "items": {"type": "string"}},
                },
            },
        },
        "advice": {
            "type": "array",
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["target", "advice"],
                "properties": {"target": {"type": "string"}, "advice": {"type": "string"}},
            },
        },
        "why_you": {"type": "string"},
    },
}


@dataclass(frozen=True)
class PartOutcome:
    """One part the model could have written: whether its version is in the brief, and if not why."""

    part: str  # "questions for 'cloud cost control'", "advice for 'budget ownership'", "why-you draft"
    kept: bool
    reason: str = ""


@dataclass(frozen=True)
class _Reply:
    questions: dict[str, list[str]]  # normalised area -> questions
    advice: dict[str, str]  # normalised target -> advice
    why_you: str


def build_brief_with_llm(
    profile: Profile, client, *, context_tokens: int | None, extra_experiences: Iterable[str] = ()
) -> Brief:
    """The offline brief, with the parts the model wrote well put in its place."""
    from interviewer.prep.build import build_brief

    extra = tuple(extra_experiences)
    offline = build_brief(profile, extra_experiences=extra)
    brief, _ = improved_brief(
        profile, offline, client, context_tokens=context_tokens, extra_experiences=extra
    )
    return brief


def build_brief_llm(
    profile: Profile, settings, *, offline: Brief, extra_experiences: Iterable[str] = ()
) -> Brief:
    """What `interviewer prep` calls with an endpoint configured: a client sized to its window."""
    from interviewer.backends import make_client
    from interviewer.llm.window import window_for

    with make_client(settings) as client:
        window = window_for(client.endpoint, settings.context_tokens)
        brief, _ = improved_brief(
            profile,
            offline,
            client,
            context_tokens=window.tokens,
            extra_experiences=extra_experiences,
        )
    return brief


def improved_brief(
    profile: Profile,
    offline: Brief,
    client,
    *,
    context_tokens: int | None,
    extra_experiences: Iterable[str] = (),
) -> tuple[Brief, list[PartOutcome]]:
    """The brief and what became of each part the model could write (for notices and figures)."""
    from interviewer.grading.injection import guarded_model

    seen = guarded_model(_with_experiences(profile, extra_experiences))  # what the model reads
    try:
        reply = _model_reply(seen, offline, client, context_tokens)
    except (MissingApiKey, AuthenticationFailed, ModelNotFound):
        raise  # the user's setup: the same one line as every other command
    except EndpointError as error:
        return _offline(offline, f"the model could not write its part of the brief ({error})"), []
    if reply is None:
        return _offline(offline, "the model's reply held no usable JSON object, twice"), []
    facts = _facts(seen, offline)
    focus, asked = _questions(offline.focus, reply, facts)
    stories, advised = _advice(offline.stories, reply, facts)
    why_you, drafted = _why_you(offline.why_you, reply, facts)
    outcomes = [*asked, *advised, drafted]
    brief = replace(
        offline,
        focus=focus,
        stories=stories,
        why_you=why_you,
        engine="llm" if any(o.kept for o in outcomes) else "offline",
        notices=(*offline.notices, *_notices(outcomes)),
    )
    return brief, outcomes


def _offline(offline: Brief, why: str) -> Brief:
    return replace(offline, notices=(*offline.notices, f"{why}; this is the offline brief"))


def _with_experiences(profile: Profile, extra: Iterable[str]) -> Profile:
    """The profile with the CV's lines among its experiences, so the model sees all of them."""
    lines = list(dict.fromkeys([*profile.candidate.experiences, *extra]))
    candidate = profile.candidate.model_copy(update={"experiences": lines})
    return profile.model_copy(update={"candidate": candidate})


def _facts(profile: Profile, offline: Brief) -> str:
    """Every word the candidate gave: the only place a fact in the brief may come from."""
    persona, first = profile.interviewer, profile.first_round
    parts = [profile.role, profile.company, *profile.focus_areas, persona.name, persona.title]
    parts += [*first.strengths, *first.concerns, profile.candidate_facts()]
    parts += [s.experience for s in offline.stories]
    return "\n".join(filter(None, parts))


# --- asking the model ----------------------------------------------------------------------


def _model_reply(profile: Profile, offline: Brief, client, context_tokens: int | None):
    """The model's parsed reply, or None when it twice held no JSON object."""
    messages = _fitted_messages(profile, offline, client.endpoint.model, context_tokens)
    for _attempt in range(ATTEMPTS):
        text = client.complete_json(messages, schema=REPLY_SCHEMA, name="prep_brief", kind="brief")
        reply = parse_reply(text)
        if reply is not None:
            return reply
    return None


def request_messages(profile: Profile, offline: Brief, *, with_stories: bool = True) -> list[dict]:
    """The system instructions, then the candidate's facts fenced as data."""
    import json

    from interviewer.grading.injection import Fence
    from interviewer.templates import render

    stories = [_story_variables(s) for s in offline.stories] if with_stories else []
    areas = [f.area for f in offline.focus]
    fence = Fence.around(json.dumps(profile.model_dump()), json.dumps([stories, areas]))
    system = render(
        "prep_brief_system.j2",
        min_questions=MIN_QUESTIONS,
        max_questions=MAX_QUESTIONS,
        question_words=QUESTION_WORDS[1],
        why_you_sentences=WHY_YOU_SENTENCES,
    )
    user = render("prep_brief.j2", fence=fence, profile=profile, areas=areas, stories=stories)
    return [{"role": "system", "content": system}, {"role": "user", "content": user}]


def _story_variables(story: StoryMatch) -> dict:
    return {
        "kind": story.kind,
        "target": story.target,
        "experience": story.experience,
        "lacks": list(story.lacks),
    }


def _fitted_messages(
    profile: Profile, offline: Brief, model: str, context_tokens: int | None
) -> list[dict]:
    """The request, without the stories if only that makes it fit the window."""
    from interviewer.llm.client import schema_instruction
    from interviewer.llm.tokens import TokenCounter, budget_for, context_window, reply_tokens

    counter = TokenCounter(model)
    window = context_window(model, context_tokens)
    budget = budget_for(window, counter, reply=reply_tokens("brief", model))
    instruction = counter.count(schema_instruction(REPLY_SCHEMA))
    for with_stories in (True, False):
        messages = request_messages(profile, offline, with_stories=with_stories)
        needed = counter.count_messages(messages) + instruction
        if needed <= budget.available:
            return messages
    raise ContextOverflow(
        f"the brief's prompt needs {needed} tokens, but a {window}-token window leaves "
        f"{budget.available} after room for the reply",
        fix="shorten the profile, or raise --context-tokens if the server holds more",
    )


def parse_reply(text: str) -> _Reply | None:
    """The parts of the reply that have the right shape; None when it holds no JSON object."""
    from interviewer.llm.client import extract_json

    data = extract_json(text)
    if data is None:
        return None
    return _Reply(
        questions=_questions_by_area(data.get("questions")),
        advice=_advice_by_target(data.get("advice")),
        why_you=data["why_you"] if isinstance(data.get("why_you"), str) else "",
    )


def _questions_by_area(items: object) -> dict[str, list[str]]:
    """{"area": ..., "questions": [...]} items; a small model's {area: [...]} is read too."""
    if isinstance(items, dict):
        items = [{"area": area, "questions": qs} for area, qs in items.items()]
    found: dict[str, list[str]] = {}
    for item in items if isinstance(items, list) else []:
        if not isinstance(item, dict) or not isinstance(item.get("area"), str):
            continue
        questions = item.get("questions")
        texts = [q for q in questions if isinstance(q, str)] if isinstance(questions, list) else []
        found.setdefault(normalize(item["area"]), []).extend(texts)
    return found


def _advice_by_target(items: object) -> dict[str, str]:
    if isinstance(items, dict):
        items = [{"target": target, "advice": advice} for target, advice in items.items()]
    found: dict[str, str] = {}
    for item in items if isinstance(items, list) else []:
        if isinstance(item, dict) and isinstance(item.get("target"), str):
            advice = item.get("advice")
            if isinstance(advice, str):
                found.setdefault(normalize(item["target"]), advice)
    return found


# --- checking and merging, part by part ----------------------------------------------------


def _questions(
    offline: Sequence[FocusPrep], reply: _Reply, facts: str
) -> tuple[tuple[FocusPrep, ...], list[PartOutcome]]:
    """Each area's questions from the model when at least two of them pass, else the offline ones."""
    merged, outcomes = [], []
    for focus in offline:
        part = f"questions for '{focus.area}'"
        written = reply.questions.get(normalize(focus.area), [])
        good, problems = _passing(written, lambda q: question_problem(q, facts))
        if len(good) >= MIN_QUESTIONS:
            merged.append(replace(focus, likely_questions=tuple(good[:MAX_QUESTIONS])))
            outcomes.append(PartOutcome(part, True))
            continue
        reason = problems[0] if problems else "the model wrote none"
        merged.append(focus)
        outcomes.append(PartOutcome(part, False, reason))
    return tuple(merged), outcomes


def _passing(texts: list[str], problem_of) -> tuple[list[str], list[str]]:
    """(the texts that pass, cleaned and without repeats; the problems of the others)."""
    good: list[str] = []
    problems: list[str] = []
    for text in texts:
        cleaned = " ".join(text.split())
        problem = problem_of(cleaned)
        if problem:
            problems.append(problem)
        elif normalize(cleaned) not in map(normalize, good):
            good.append(cleaned)
    return good, problems


def _advice(
    offline: Sequence[StoryMatch], reply: _Reply, facts: str
) -> tuple[tuple[StoryMatch, ...], list[PartOutcome]]:
    merged, outcomes = [], []
    for story in offline:
        part = f"advice for '{story.target}'"
        written = " ".join(reply.advice.get(normalize(story.target), "").split())
        problem = advice_problem(written, facts) if written else "the model wrote none"
        merged.append(story if problem else replace(story, advice=written))
        outcomes.append(PartOutcome(part, not problem, problem or ""))
    return tuple(merged), outcomes


def _why_you(offline: str, reply: _Reply, facts: str) -> tuple[str, PartOutcome]:
    written = " ".join(reply.why_you.split())
    problem = why_you_problem(written, facts) if written else "the model wrote none"
    outcome = PartOutcome("why-you draft", not problem, problem or "")
    return (offline if problem else written), outcome


def _notices(outcomes: list[PartOutcome]) -> list[str]:
    return [
        f"the model's {o.part} was not used ({o.reason}); the offline version is shown"
        for o in outcomes
        if not o.kept
    ]


# --- the checks ----------------------------------------------------------------------------

_JOINED = re.compile(
    r"[,;:]\s*(?:and|or|also)\s+(?:what|how|why|who|when|where|which|did|do|does|would|could|"
    r"can|will|is|are|have|has|should)\b|\band (?:also )?(?:what|how|why|who) (?:did|do|would|was)\b",
    re.I,
)
_SELF_RATING = re.compile(
    r"\b(?:best|ideal|perfect|strongest|top|obvious|only) (?:candidate|choice|fit|person|"
    r"finalist|hire|option)\b|\bmost qualified\b|\bbetter than (?:the )?(?:others|other)\b",
    re.I,
)
_FIRST_PERSON = re.compile(r"\b(?:I|my|me|I['’]m|I['’]ve)\b")
_SEEKING = re.compile(
    r"\b(?:ask(?:ing)? for|get|getting|obtain|request|see|find out|get hold of|send you|share)\b"
    r".{0,30}\b(?:questions|answers|scoring|score ?sheets?|marking (?:scheme|guide)|rubric|"
    r"interview (?:plan|pack|guide)|shortlist)\b.{0,40}\b(?:beforehand|in advance|ahead of time|"
    r"ahead of the interview|before the interview)\b|"
    r"\b(?:who|which) (?:else|other candidates|the other (?:candidates|finalists)) "
    r"(?:is|are|applied|made)\b|\bother (?:candidates|finalists)['’]?s? "
    r"(?:names|cvs|answers|scores|salar\w*|feedback)\b|"
    r"\b(?:get|obtain|see|use) (?:\w+ ){0,3}(?:confidential|internal-only|non-public|leaked)\b",
    re.I,
)
_SUGGESTS_ASKING = re.compile(
    r"\b(?:ask(?:ing)?|request|find out|check with|email|message|contact)\b", re.I
)
_NEGATED = re.compile(r"\b(?:never|not|don['’]t|do not|avoid|without|no)\b", re.I)


def question_problem(text: str, facts: str) -> str | None:
    """Why this is not one usable likely question, or None when it is."""
    if not text.endswith("?"):
        return "not a question"
    if text.count("?") > 1 or _JOINED.search(text):
        return "two questions in one"
    if not QUESTION_WORDS[0] <= len(text.split()) <= QUESTION_WORDS[1]:
        return f"not {QUESTION_WORDS[0]} to {QUESTION_WORDS[1]} words long"
    return _shared_problem(text, facts)


def advice_problem(text: str, facts: str) -> str | None:
    if not ADVICE_WORDS[0] <= len(text.split()) <= ADVICE_WORDS[1]:
        return f"not {ADVICE_WORDS[0]} to {ADVICE_WORDS[1]} words long"
    return _shared_problem(text, facts)


def why_you_problem(text: str, facts: str) -> str | None:
    if not WHY_YOU_WORDS[0] <= len(text.split()) <= WHY_YOU_WORDS[1]:
        return f"not {WHY_YOU_WORDS[0]} to {WHY_YOU_WORDS[1]} words long"
    if not _FIRST_PERSON.search(text):
        return "not written in the candidate's own voice"
    if rating := _SELF_RATING.search(text):
        return f"claims '{rating.group(0)}' instead of showing it with facts"
    return _shared_problem(text, facts)


def _shared_problem(text: str, facts: str) -> str | None:
    """What every part must avoid: prompt markers, talk to the model, invented facts, and any
    hint of seeking inside information."""
    from interviewer.grading.injection import addresses_grader

    if "<<<" in text or ">>>" in text:
        return "it repeats the prompt's markers"
    if addresses_grader(text):
        return "it speaks about grading or instructions, not to the candidate"
    invented = unsupported_facts(text, facts)
    if invented:
        return f"it names '{invented[0]}', which the profile does not give"
    if seeks_inside_information(text):
        return "it suggests seeking inside information"
    return None


def seeks_inside_information(text: str) -> bool:
    """Whether a sentence points the candidate at information that is not open to everyone:
    using it, or asking someone for it (judged by the honest-ask check the offline brief uses)."""
    from interviewer.grading.analysis import split_sentences
    from interviewer.grading.honesty import inside_ask, inside_uses

    sentences = [sentence for _, sentence in split_sentences(text)]
    if inside_uses(sentences):
        return True
    asking = [s for s in sentences if _SUGGESTS_ASKING.search(s)]
    if any(inside_ask(s) for s in asking):
        return True
    return any(_SEEKING.search(s) and not _NEGATED.search(s) for s in sentences)
