"""The offline prep brief: every part built by rules from the profile, nothing from a model.

Each part uses only what the candidate wrote: the questions come from the checked bank, the
stories are their own lines quoted, and the why-you draft leaves a [bracketed gap] wherever a
fact is missing, because a brief that invents a result would send them to claim it on the day.
"""

import re
from collections.abc import Iterable, Sequence

from interviewer.executive.question_bank import (
    BankQuestion,
    clean_value,
    company_phrase,
    fill,
    focus_score,
    is_style_concern,
    load_bank,
    role_phrase,
)
from interviewer.prep.brief import Brief, FocusPrep, StoryMatch
from interviewer.prep.stories import advice_text, joined, match_stories, quoted
from interviewer.profile import Profile

QUESTIONS_PER_AREA = 3
MIN_QUESTIONS = 2
BANK_FIT = 0.2  # the least tag score (focus_score) for a question that reaches the area
TOP_AREAS = 3  # the focus areas the why-you draft and the HR questions name
_AREA_KINDS = ("evidence", "pressure", "priorities", "differentiator", "gap", "culture")


def build_brief(profile: Profile, *, extra_experiences: Iterable[str] = ()) -> Brief:
    """The whole brief from the profile (and CV lines), by rules only."""
    stories = tuple(match_stories(profile, extra_experiences))
    return Brief(
        role=clean_value(profile.role) or None,
        company=clean_value(profile.company) or None,
        focus=tuple(likely_questions(profile)),
        stories=stories,
        ask_hr=tuple(_asks("hr", profile)),
        ask_contacts=tuple(_asks("contacts", profile)),
        do_not_ask=tuple(advice_text()["ask"]["do_not_ask"]),
        keep=tuple(keep_from_round_one(profile)),
        register=tuple(register_tips(profile)),
        why_you=why_you(profile, stories),
        notices=tuple(to_fill(profile)),
    )


# --- likely questions ----------------------------------------------------------------------


def likely_questions(profile: Profile) -> list[FocusPrep]:
    """Two or three bank questions per focus area, none asked twice across areas."""
    used: set[str] = set()
    prepared = []
    for rank, area in enumerate(_areas(profile), start=1):
        chosen = _questions_for(area, rank, used)
        used.update(q.id for q in chosen)
        texts = tuple(fill(q.text, _values(profile, area)) for q in chosen)
        prepared.append(FocusPrep(area=area, rank=rank, likely_questions=texts))
    return prepared


def _questions_for(area: str, rank: int, used: set[str]) -> list[BankQuestion]:
    """The bank's best fits for the area, topped up with questions that name it."""
    bank = [q for q in load_bank() if q.kind in _AREA_KINDS]
    fits = {q.id: _fit(q, area) for q in bank if not q.placeholders and q.id not in used}
    fitting = sorted((q for q in bank if fits.get(q.id, 0) > BANK_FIT), key=lambda q: -fits[q.id])
    chosen = fitting[: QUESTIONS_PER_AREA - 1]
    naming = [q for q in bank if q.placeholders == {"focus"}]  # a new question for each area
    start = (rank - 1) % len(naming) if naming else 0
    for question in naming[start:] + naming[:start]:
        if len(chosen) >= QUESTIONS_PER_AREA or (len(chosen) >= MIN_QUESTIONS and fitting):
            break
        chosen.append(question)
    return chosen


def _fit(question: BankQuestion, area: str) -> float:
    """The bank's tag score for the area, when the question also reaches more than half of the
    area by meaning: a shared word alone ("retention") is not the same subject; else 0."""
    from interviewer.grading.analysis import content_words, target_reach

    reached, wanted = target_reach(area, content_words(" ".join([question.text, *question.focus])))
    return focus_score(question, area) if wanted and reached / wanted > 0.5 else 0.0


def _areas(profile: Profile) -> list[str]:
    return list(dict.fromkeys(a for a in map(clean_value, profile.focus_areas) if a))


def _values(profile: Profile, focus: str = "") -> dict[str, str]:
    return {"role": role_phrase(profile), "company": company_phrase(profile), "focus": focus}


# --- whom to ask what ----------------------------------------------------------------------


def _asks(who: str, profile: Profile) -> list[str]:
    """The open questions for HR or for contacts, each filled once per value it names."""
    lines: list[str] = []
    for template in advice_text()["ask"][who]:
        lines.extend(_filled(template, profile))
    return lines


def _filled(template: str, profile: Profile) -> list[str]:
    """A template filled from the profile; a line is left out when a value it needs is missing."""
    areas = _areas(profile)
    concerns = [c for c in map(clean_value, profile.first_round.concerns) if c]
    values = {
        **_values(profile, areas[0] if areas else ""),
        "focus_list": joined(areas[:TOP_AREAS], " or ") if len(areas) > 1 else "",
        "who": _who(profile, "the {title}"),
    }
    if "{concern}" in template:
        substantive = [c for c in concerns if not is_style_concern(c)]
        return [_concern_ask(template, c, values) for c in substantive[:2]]
    needed = [key for key in values if "{" + key + "}" in template]
    if any(not values[key] for key in needed):
        return []
    return [fill(template, values)]


_FIRST_PERSON = re.compile(r"\b(?:I|I'm|I've|I'd|[Mm]y|[Mm]e)\b")  # the candidate's own note
_ASKED_ABOUT = re.compile(r"\b(?:about|on)\s+(.+?)\s*(?:[,;:-]|\band I\b|\bbut\b|[.!]?$)", re.I)


def _concern_ask(template: str, concern: str, values: dict[str, str]) -> str:
    """A concern asked about openly; the candidate's own note ("I struggled ...") from their
    side, since HR never wrote it and reading it back as "the feedback" would be untrue."""
    if not _FIRST_PERSON.search(concern):
        return fill(template, values | {"concern": concern})
    text = advice_text()["ask"]
    subject = _ASKED_ABOUT.search(concern)
    if subject:
        return fill(text["own_concern_subject"], {"subject": subject.group(1)})
    return fill(text["own_concern"], {"concern": concern})


# --- round one and the day -----------------------------------------------------------------


def keep_from_round_one(profile: Profile) -> list[str]:
    """Round one's strengths, to keep: they are why there is a round two."""
    text = advice_text()["keep"]
    strengths = [s for s in map(clean_value, profile.first_round.strengths) if s]
    if not strengths:
        return [text["none"]]
    return [text["lead"], *(fill(text["strength"], {"strength": s}) for s in strengths)]


def register_tips(profile: Profile) -> list[str]:
    """How to read the executive's register on the day, given what the profile says of them."""
    text = advice_text()["register"]
    tips = text[profile.interviewer.tone or "unknown"]
    lines = [fill(tip, {"who": _who(profile, "the {title}")}) for tip in tips]
    return [_capitalised(line) for line in [*lines, text["everyone"]]]


def _who(profile: Profile, title_form: str = "{title}") -> str:
    """The round-two interviewer as a sentence can name them: "Priya Raman (Chief Technology
    Officer)", "the Chief Technology Officer", or the executive."""
    name, title = (clean_value(v) for v in (profile.interviewer.name, profile.interviewer.title))
    if name and title:
        return f"{name} ({title})"
    if title:
        return fill(title_form, {"title": title})
    return name or advice_text()["register"]["who_default"]


def _capitalised(line: str) -> str:
    return line[:1].upper() + line[1:]


# --- why you -------------------------------------------------------------------------------


def why_you(profile: Profile, stories: Sequence[StoryMatch]) -> str:
    """A draft answer to "why you rather than the others" from the candidate's own lines only."""
    text = advice_text()["why_you"]
    top = [s for s in stories if s.kind == "focus"][:TOP_AREAS]
    backed = [s.target for s in top if s.experience]
    values = _values(profile)
    if backed:
        lines = [fill(text["opening"], values | {"focus_list": joined(backed)})]
    else:
        lines = [fill(text["opening_no_focus"], values)]
    lines += [_story_line(story) for story in top]
    strengths = [s for s in map(clean_value, profile.first_round.strengths) if s]
    if strengths:
        lines.append(fill(text["strengths"], {"strengths": joined(strengths)}))
    lines.append(fill(text["closing"], values))
    return " ".join(lines)


def _story_line(story: StoryMatch) -> str:
    """One focus area's story, quoted, with a bracketed gap for each thing it still lacks."""
    text = advice_text()["why_you"]
    if story.experience is None:
        return fill(text["missing_story"], {"target": story.target})
    gaps = "".join(f" [{advice_text()['gaps'][gap]}]" for gap in story.lacks)
    line = fill(text["story"], {"target": story.target, "experience": quoted(story.experience)})
    return f"{line}{gaps}."


# --- what the profile could add ------------------------------------------------------------


def to_fill(profile: Profile) -> list[str]:
    """What to add to the profile for a fuller brief, in the order it matters."""
    text = advice_text()["to_fill"]
    lacking = {
        "focus_areas": not _areas(profile),
        "experiences": not (profile.candidate.experiences or profile.candidate.background),
        "first_round": not (profile.first_round.strengths or profile.first_round.concerns),
        "role": not (clean_value(profile.role) and clean_value(profile.company)),
    }
    return [text[key] for key, missing in lacking.items() if missing]


# --- offline or LLM --------------------------------------------------------------------------


def prepare_brief(profile: Profile, settings, *, extra_experiences: Iterable[str] = ()) -> Brief:
    """The brief the settings ask for: offline rules, or the LLM on top of them (it gets the
    offline brief to check its parts against and to fall back on)."""
    extra = tuple(extra_experiences)
    offline = build_brief(profile, extra_experiences=extra)
    if settings.use_offline:
        return offline
    from interviewer.prep.build_llm import build_brief_llm

    return build_brief_llm(profile, settings, offline=offline, extra_experiences=extra)
