"""A grader that needs no model: scores an answer from its deterministic features, quoting it.

Same input, same output. Every score of 3 or more carries at least one sentence copied from the
graded text, so the pipeline's grounding check never has to withdraw one of ours.
"""

import math
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Final

from interviewer import gaps
from interviewer.contract import CriterionResult
from interviewer.grading.advice import Shortfall, suggest
from interviewer.grading.analysis import (
    AnswerAnalysis,
    SentenceSignals,
    answer_gaps,
    content_words,
    contradictions,
    has_episode,
    is_vague,
    sentence_signals,
    summarize,
)
from interviewer.grading.honesty import InsideUse, inside_uses
from interviewer.grading.limits import (
    ANALYSED_CHARS,
    SPOKEN_WORDS,
    language_problem,
    spoken_words,
)
from interviewer.grading.pipeline import GraderReply, GradingRequest
from interviewer.guidance import CRITERION_IDS, CriterionId, load_guidance

OFFLINE_RULES_VERSION = "1"

_WHY_YOU = re.compile(
    r"\b(?:why (?:should|would) (?:we|I) (?:hire|choose|pick)|why you|sets? you apart|"
    r"other (?:candidates|finalists|applicants|people we)|different from|stand out|"
    r"best (?:person|candidate|fit)|why are you the|unique|over (?:the )?others)\b",
    re.I,
)
_PRIORITY_QUESTION = re.compile(
    r"\b(?:priorit\w*|matters? most|cares? (?:most )?about|our focus|our goals?|"
    r"top of (?:our|the) list|what we value)\b",
    re.I,
)
_ROUND_ONE_QUESTION = re.compile(
    r"\b(?:round one|first round|first interview|last (?:time|interview)|concerns?|"
    r"weakness(?:es)?|worried|reservations?|gaps?)\b",
    re.I,
)
_PREPARATION_QUESTION = re.compile(
    r"\b(?:prepar\w*|what do you know about (?:us|our|the company)|who (?:did|have) you "
    r"(?:speak|spoken|talk|talked)|research\w*|learn(?:ed|t) about us|why (?:this company|us))\b",
    re.I,
)
_EPISODE_QUESTION = re.compile(  # questions that ask for something the candidate did
    r"\b(?:tell me about|walk me through|a time (?:when )?you|an example|evidence|show me|"
    r"describe (?:a|the) (?:time|situation)|when (?:did|have) you|what did you do|have you ever)\b",
    re.I,
)
_INTENTION = re.compile(
    r"\b(?:I will|I['’]ll|I plan|I['’]m planning|I intend|I want to|I['’]d like to|"
    r"I(?: am|['’]m) (?:working on|learning|taking)|going to)\b",
    re.I,
)
_ADMISSION = re.compile(
    r"\b(?:never|haven['’]t|have not|don['’]t have|no experience|not much|struggle|"
    r"not my strong|honestly not)\b",
    re.I,
)
_SHAPED = re.compile(
    r"\b(?:so I|which is why|that['’]s why|that is why|helped me|I(?: have|['’]ve) "
    r"(?:focused|prepared|brought)|that shaped|I focused)\b",
    re.I,
)
_CLAUSE_BREAK = re.compile(r"[,;:–—]\s")

_GAP_SAYS = gaps.says()
_GAP_FIX = gaps.fixes()


@dataclass(frozen=True, kw_only=True)
class _Case:
    """Everything the criterion rules look at, computed once per answer."""

    request: GradingRequest
    sentences: tuple[SentenceSignals, ...]
    analysis: AnswerAnalysis
    gaps: list[str]
    asked: frozenset[str]
    spoken_words: int  # of the whole answer, though only its opening is analysed when huge
    inside: list[InsideUse]


@dataclass(frozen=True, kw_only=True)
class _Judgement:
    score: int | None
    evidence: list[str]
    comment: str
    suggestion: str = ""
    strength: str = ""  # what this answer does well on the criterion, for the strengths list


_NOT_APPLICABLE = {
    "most_qualified": "The question does not ask what sets you apart.",
    "priority_alignment": "No focus areas are known for this panel.",
    "first_round_gaps": "The question does not touch a concern from round one.",
    "consistent_style": "Nothing earlier to compare with.",
    "follows_lead": "No register was set by the executive.",
    "honest_preparation": "Preparation does not come up here.",
}


def _skip(criterion_id: str) -> _Judgement:
    return _Judgement(score=None, evidence=[], comment=_NOT_APPLICABLE[criterion_id])


def _level(points: float) -> int:
    """Points to a 1..5 score, rounding halves up so the result never depends on float ties."""
    return int(min(5, max(1, math.floor(points + 0.5))))


def _quotes(
    case: _Case, weight: Callable[[SentenceSignals], float], *, limit: int = 2
) -> list[str]:
    """The best-supported sentences for a criterion, in the order they were said."""
    ranked = sorted(
        (s for s in case.sentences if weight(s) > 0), key=lambda s: (-weight(s), s.start)
    )
    chosen = sorted(ranked[:limit], key=lambda s: s.start)
    return [_trimmed(s.text) for s in chosen]


def _trimmed(sentence: str) -> str:
    """A long run-on sentence is quoted by its clause richest in concrete detail."""
    if len(sentence.split()) <= 45:
        return sentence
    clauses = [c.strip() for c in _CLAUSE_BREAK.split(sentence) if c.strip()]
    scored = [(sum(_detail(s) for s in sentence_signals(c)), -i, c) for i, c in enumerate(clauses)]
    return max(scored)[2]


def _detail(s: SentenceSignals) -> float:
    return s.numbers + s.outcomes + s.story_markers + 0.5 * (s.specifics + s.actions)


def _sentence_case(parts: list[str]) -> str:
    text = "; ".join(parts)
    return text[:1].upper() + text[1:] + "."


def _cliche_note(analysis: AnswerAnalysis) -> str:
    return ", ".join(f'"{label}"' for label in analysis.cliches[:3])


def _words_of(texts: list[str]) -> frozenset[str]:
    return frozenset().union(*(content_words(text) for text in texts))


# --- the criteria ---------------------------------------------------------------------------


def _owned(case: _Case) -> bool:
    """The candidate says what they did: two actions of their own, or one and not lost in 'we'."""
    actions = case.analysis.own_actions
    return actions >= 2 or (actions == 1 and "we_not_i" not in case.gaps)


def _experience_evidence(case: _Case) -> _Judgement:
    a = case.analysis
    episode = has_episode(a)
    owned = _owned(case)
    result = bool(a.outcomes or a.numbers)
    points = 1 + episode + 0.5 * (episode and a.specifics >= 2) + owned + 0.5 * (not is_vague(a))
    points += bool(a.outcomes) + 0.5 * bool(a.numbers)
    points -= 0.5 * min(2, len(a.cliches)) + 0.5 * (a.hedges >= 2)
    if not (episode and owned and result):
        points = min(
            points, 3
        )  # level 3 at most: no episode, or your part or the result is missing
    missing = [code for code in case.gaps if code != "dodged"]
    if episode and not owned and "we_not_i" not in missing:
        missing.insert(0, "not_own")
    if not missing:
        return _Judgement(
            score=_level(points),
            evidence=_quotes(case, _detail),
            comment=f"Tells a specific episode in your own voice, with {_figures(a)} and a result.",
            suggestion="Keep the episode this tight and open with the result.",
            strength="A concrete episode of your own, with figures and a result.",
        )
    return _Judgement(
        score=_level(points),
        evidence=_quotes(case, _detail),
        comment=_sentence_case([_experience_opening(a), *_gaps_said(missing, episode)]),
        suggestion=_GAP_FIX[missing[0]],
        strength="Draws on a real situation." if episode and owned else "",
    )


def _figures(a: AnswerAnalysis) -> str:
    return {0: "concrete details", 1: "a figure"}.get(a.numbers, f"{a.numbers} figures")


def _experience_opening(a: AnswerAnalysis) -> str:
    if has_episode(a):
        return "Names a real situation"
    if a.outcomes or a.numbers:
        return "Cites results without telling the episode behind them"
    return "Stays at the level of claims"


def _gaps_said(missing: list[str], episode: bool) -> list[str]:
    """The two most important gaps in words; a missing episode is already said in the opening."""
    return [_GAP_SAYS[code] for code in missing if episode or code != "no_example"][:2]


def _focus_problems(case: _Case) -> list[tuple[float, str]]:
    """What keeps the answer from being focused, each with the points it costs."""
    a = case.analysis
    dodged, vague = "dodged" in case.gaps, is_vague(a)
    early = not case.asked or any(s.content & case.asked for s in case.sentences[:2])
    concrete = has_episode(a) and not vague
    unsupported = not has_episode(a) and a.outcomes == 0 and a.numbers == 0
    setting = sum(bool(s.context_figures) for s in case.sentences)
    padded = setting * 3 >= len(case.sentences) and not _owned(case)
    no_story = bool(_EPISODE_QUESTION.search(case.request.question)) and not (
        has_episode(a) and _owned(case)
    )
    checks = (
        (dodged, 2 if concrete else 3, "it sidesteps what was asked"),
        (padded, 2, "figures about the setting stand in for an answer"),
        (no_story and not dodged, 1, "it never gets to an example of what you did"),
        (not dodged and not early, 1, "the first sentences do not yet answer the question"),
        (vague, 1, "it stays in generalities"),
        (unsupported, 1, "nothing concrete supports it"),
        (
            case.spoken_words > SPOKEN_WORDS,
            4,
            f"at {case.spoken_words} words it is far longer than anyone can say in one answer",
        ),
        (220 < case.spoken_words <= SPOKEN_WORDS, 1, f"at {a.words} words it runs long"),
        (a.words / a.sentences > 40, 1, "it runs on without a pause"),
        (a.words > 150 and vague, 0.5, "the length is padding rather than detail"),
        (a.words < 20, 1.5, "it is too short to make a case"),
        (a.hedges >= 2, min(1.5, 0.5 * (a.hedges - 1)), f"{a.hedges} hedges soften it"),
        (
            bool(a.cliches),
            min(1.0, 0.5 * len(a.cliches)),
            f"stock phrases ({_cliche_note(a)}) take up room",
        ),
    )
    return [(cost, text) for hit, cost, text in checks if hit]


def _focused_and_pointed(case: _Case) -> _Judgement:
    problems = _focus_problems(case)
    points = 5 - sum(cost for cost, _ in problems)
    evidence = _quotes(case, lambda s: len(s.content & case.asked) - s.start / 1e6, limit=1)
    evidence = evidence or [_trimmed(case.sentences[0].text)]
    strength = "Stays on the question." if "dodged" not in case.gaps else ""
    if not problems:
        return _Judgement(
            score=_level(points),
            evidence=evidence,
            comment="Answers the question early and keeps to it.",
            suggestion="Keep opening with the direct answer, then one example.",
            strength="Answers the question early and keeps to it.",
        )
    off_target = "dodged" in case.gaps or problems[0][1].startswith("the first")
    fix = (
        _GAP_FIX["dodged"]
        if off_target
        else "Cut filler and hedges; say the answer plainly and back it with one fact."
    )
    comment = _sentence_case([text for _, text in problems[:2]])
    return _Judgement(
        score=_level(points), evidence=evidence, comment=comment, suggestion=fix, strength=strength
    )


def _most_qualified(case: _Case) -> _Judgement:
    """Scored on every answer: in a second round each one is a chance to show why you."""
    a = case.analysis
    episode = has_episode(a)
    owned = _owned(case)
    strong = episode and owned and bool(a.outcomes or a.numbers) and not is_vague(a)
    if strong:
        points: float = 4 + bool(a.differentiators and a.numbers)
    elif episode and owned:
        points = 3
    else:
        points = 2 - ("dodged" in case.gaps)
    points -= 0.75 * min(2, len(a.cliches)) + (2 if case.inside else 0)
    evidence = _quotes(case, lambda s: 2 * s.differentiators + s.outcomes + s.numbers)
    if a.cliches and not strong:
        comment = f"Relies on qualities any finalist could claim ({_cliche_note(a)})."
    elif strong and a.differentiators:
        comment = "Makes an evidenced case for what sets you apart."
    elif strong:
        comment = "Shows a real strength with a result, but not why it beats the other finalists."
    elif episode and owned:
        comment = "Points to a genuine strength without a result that sets it apart."
    else:
        comment = "Nothing here shows why you rather than the other finalists."
    return _Judgement(
        score=_level(points),
        evidence=evidence,
        comment=comment,
        suggestion="Name the one result or combination of skills the other finalists are "
        "unlikely to have, and prove it with a figure.",
        strength=comment if strong else "",
    )


def _priority_alignment(case: _Case) -> _Judgement:
    request, a = case.request, case.analysis
    areas = request.profile.focus_areas
    if not (areas or _PRIORITY_QUESTION.search(request.question)):
        return _skip("priority_alignment")
    wanted = _words_of(areas or [request.question])
    touched = a.focus_hits if areas else (("the stated priority",) * (a.question_overlap >= 0.34))
    relevant = [s for s in case.sentences if s.content & wanted]
    team_story = a.team_actions >= 2 or not is_vague(a)  # "we audited, we redid": the team's
    example = has_episode(a) and (_owned(case) or team_story)
    backed = example and any(s.outcomes or (s.numbers and not s.context_figures) for s in relevant)
    points: float = 1.5 if has_episode(a) else 1
    if touched:  # named without an example of your own, a focus area is only mentioned
        points = 3 + backed + (backed and len(touched) >= min(2, len(areas) or 1)) - (not example)
    points -= 0.5 * min(2, len(a.cliches))
    evidence = _quotes(
        case,
        lambda s: len(s.content & wanted) + s.outcomes + s.numbers if s.content & wanted else 0,
    )
    names = ", ".join(touched)
    if not touched:
        comment = "Could be said to any company; it does not touch what this panel cares about."
    elif not example:
        comment = f"Names {names} but gives no example of your own that serves it."
    elif not backed:
        comment = f"Mentions {names} in passing without a result tied to it."
    else:
        comment = f"Ties a concrete result to {names}."
    focus = " and ".join(areas[:2]) or "the priority they named"
    return _Judgement(
        score=_level(points),
        evidence=evidence,
        comment=comment,
        suggestion=f"Frame your example around {focus} and say what it would mean for this team.",
        strength=comment if touched else "",
    )


def _first_round_gaps(case: _Case) -> _Judgement:
    request, a = case.request, case.analysis
    concerns = request.profile.first_round.concerns
    asked = [c for c in concerns if content_words(c) & case.asked]
    if not concerns or not (
        asked or a.concern_hits or _ROUND_ONE_QUESTION.search(request.question)
    ):
        return _skip("first_round_gaps")
    wanted = _words_of(concerns)
    relevant = [s for s in case.sentences if s.content & wanted] or (
        list(case.sentences) if asked else []
    )
    evidence_of = [s for s in relevant if not s.context_figures]
    points, comment = _gap_points(case, evidence_of)
    points -= 0.5 * (a.hedges >= 2)
    topic = (asked or list(a.concern_hits) or concerns)[0]
    return _Judgement(
        score=_level(points),
        evidence=[s.text for s in evidence_of if s.numbers + s.outcomes + s.story_markers][:2],
        comment=comment,
        suggestion=f"Meet '{topic}' head-on with a recent example that shows the gap is closing.",
        strength=comment if points >= 4 else "",
    )


def _gap_points(case: _Case, relevant: list[SentenceSignals]) -> tuple[float, str]:
    """Fresh evidence needs your own action, a result and specifics; a claim is not evidence."""
    own = any(s.own_action or s.actions for s in relevant) or (
        case.analysis.own_actions > 0 and has_episode(case.analysis)
    )
    result = any(s.outcomes or s.numbers for s in relevant)
    specific = any(s.numbers or s.specifics >= 2 for s in relevant) or not is_vague(case.analysis)
    text = " ".join(s.text for s in relevant)
    if own and result and specific:
        both = any(s.numbers for s in relevant) and any(s.outcomes for s in relevant)
        return 4 + both, "Meets the round-one concern with fresh, specific evidence."
    if own and (result or specific):
        return 3, "Answers the concern with a real situation, but the proof is thin."
    if _INTENTION.search(text):
        return 3, "Acknowledges the concern but answers it with intent more than proof."
    if _ADMISSION.search(text):
        return 1, "Restates the weakness round one saw without new evidence."
    if result:
        return 2, "Claims progress on the concern without saying what you did or showing it."
    return 2, "Leaves the concern from round one unanswered."


def _consistent_style(case: _Case) -> _Judgement:
    request, a = case.request, case.analysis
    profile = request.profile
    earlier = [*request.earlier_answers, *filter(None, [profile.candidate.background])]
    if not (profile.first_round.strengths or earlier):
        return _skip("consistent_style")
    conflicts = contradictions(request.graded_text, earlier, question=request.question)
    if conflicts:
        return _Judgement(
            score=1,
            evidence=[],
            comment=_sentence_case(conflicts[:2]),
            suggestion="Check figures and roles against what you said before; "
            "correcting one fact costs less than a doubt.",
        )
    anchor = _words_of(profile.first_round.strengths) or _words_of(earlier)
    builds = any(s.content & anchor for s in case.sentences)
    substantive = not {"no_example", "vague"} & set(case.gaps)
    points = 3 + builds + substantive - (len(a.cliches) >= 2 or a.hedges >= 3)
    evidence = _quotes(case, lambda s: 2 * len(s.content & anchor) + _detail(s))
    if builds and substantive:
        comment = "Builds on what carried round one and agrees with your earlier claims."
    elif builds:
        comment = "Agrees with earlier claims but argues more loosely than before."
    else:
        comment = "No contradictions, but it does not draw on the strengths round one noted."
    strength = (profile.first_round.strengths or ["the record you described before"])[0]
    return _Judgement(
        score=_level(points),
        evidence=evidence,
        comment=comment,
        suggestion=f"Lean on {strength}: it is what earned the callback.",
        strength="Consistent with what you said before.",
    )


def _follows_lead(case: _Case) -> _Judgement:
    if case.request.register is None:
        return _skip("follows_lead")
    return _formal_lead(case) if case.request.register == "formal" else _relaxed_lead(case)


def _formal_lead(case: _Case) -> _Judgement:
    a = case.analysis
    chatty = a.contractions / max(1, a.words) > 0.03
    rambling = case.spoken_words > 220 or a.words / max(1, a.sentences) > 32
    monologue = case.spoken_words > SPOKEN_WORDS
    points = 5 - min(3, a.slang) - chatty - rambling - 2 * monologue - 0.5 * (a.hedges >= 2)
    points -= a.formality < 0.35
    evidence = _quotes(case, lambda s: 1 + s.words / 100 - s.slang - s.contractions, limit=1)
    if a.slang:
        comment = f"Too casual for a formal exchange: {a.slang} slang expressions."
    elif monologue:
        comment = "A monologue where a formal exchange wants a crisp answer and room for questions."
    elif rambling:
        comment = "Too loose for a formal exchange: the sentences run on."
    else:
        comment = "Keeps to the crisp, structured register the executive set."
    return _Judgement(
        score=_level(points),
        evidence=evidence,
        comment=comment,
        suggestion="Keep it structured: the answer, one example, the result, and no slang.",
        strength=comment if not (a.slang or rambling) else "",
    )


def _relaxed_lead(case: _Case) -> _Judgement:
    a = case.analysis
    stiff = a.formality >= 0.7 and a.contractions == 0
    scripted = stiff or len(a.cliches) >= 2
    points: float = 3 + bool(a.contractions) + (a.contractions >= 2 and a.formality < 0.6)
    points -= stiff + (len(a.cliches) >= 2) + (a.slang >= 4) + 0.5 * (case.spoken_words > 220)
    points -= 2 * (case.spoken_words > SPOKEN_WORDS)  # a conversation, not a monologue
    points -= ("no_example" in case.gaps or not _owned(case)) and is_vague(a)
    evidence = _quotes(case, lambda s: s.contractions + 0.1, limit=1)
    if scripted:
        comment = "Sounds scripted when the executive invited a conversation."
    elif a.contractions:
        comment = "Matches the relaxed tone while staying on substance."
    else:
        comment = "Neutral in tone; it does not quite take up the invitation to relax."
    return _Judgement(
        score=_level(points),
        evidence=evidence,
        comment=comment,
        suggestion="Talk as you would to a respected colleague: plain words, one story, "
        "still specific.",
        strength=comment if a.contractions and not scripted else "",
    )


def _insider_judgement(case: _Case) -> _Judgement:
    uses = case.inside
    named = " and ".join(dict.fromkeys(use.item for use in uses)) or "inside information"
    return _Judgement(
        score=1,
        evidence=[use.sentence for use in uses][:2]
        or [s.text for s in case.sentences if s.insider_claims][:1],
        comment=f"Relies on {named}, which was not yours to see: using inside or confidential "
        "information reads as a bid for an unfair edge, however it reached you.",
        suggestion="Leave out anything you were not meant to see; prepare from what HR, your "
        "contacts and public sources will tell you openly, and say so.",
    )


def _honest_preparation(case: _Case) -> _Judgement:
    a = case.analysis
    asked = _PREPARATION_QUESTION.search(case.request.question)
    if not (asked or a.preparation_mentions or a.insider_claims or case.inside):
        return _skip("honest_preparation")
    if a.insider_claims or case.inside:
        return _insider_judgement(case)
    preparing = [s for s in case.sentences if s.preparation_mentions]
    shaped = any(_SHAPED.search(s.text) for s in preparing)
    named = any(s.specifics for s in preparing)
    points: float = 1 + (a.specifics >= 3 and not preparing)
    if preparing:
        points = 3 + (a.preparation_mentions >= 2 or named) + shaped
    points -= 0.5 * (a.hedges >= 2)
    evidence = _quotes(
        case, lambda s: 2 * s.preparation_mentions + bool(_SHAPED.search(s.text)), limit=2
    )
    if not preparing:
        comment = "Shows no sign of how you prepared or whom you asked."
    elif not shaped:
        comment = "Mentions preparation without saying how it shaped your answers."
    else:
        comment = "Describes open, honest preparation and what it changed."
    return _Judgement(
        score=_level(points),
        evidence=evidence if preparing else [],
        comment=comment,
        suggestion="Say whom you asked (HR, a contact), what you asked them, and how it "
        "shaped what you prepared.",
        strength=comment if shaped else "Shows some open preparation." if preparing else "",
    )


_RULES: dict[str, Callable[[_Case], _Judgement]] = {
    "experience_evidence": _experience_evidence,
    "focused_and_pointed": _focused_and_pointed,
    "most_qualified": _most_qualified,
    "priority_alignment": _priority_alignment,
    "first_round_gaps": _first_round_gaps,
    "consistent_style": _consistent_style,
    "follows_lead": _follows_lead,
    "honest_preparation": _honest_preparation,
}
assert tuple(_RULES) == CRITERION_IDS


# --- the grader -----------------------------------------------------------------------------


def _result(criterion_id: CriterionId, judgement: _Judgement, case: _Case) -> CriterionResult:
    """A criterion result; a score of 3+ that has no quote is lowered to 2, never left bare."""
    score = judgement.score
    if score is not None and score >= 3 and not judgement.evidence:
        score = 2
    return CriterionResult(
        id=criterion_id,
        score=score,
        evidence=judgement.evidence if score is not None else [],
        comment=judgement.comment,
        suggestion=_suggestion(criterion_id, score, case),
    )


def _suggestion(criterion_id: CriterionId, score: float | None, case: _Case) -> str:
    """What to change in this answer, composed by grading.advice from what the rules found."""
    shortfall = Shortfall(
        criterion=criterion_id,
        score=score,
        request=case.request,
        sentences=case.sentences,
        analysis=case.analysis,
        gaps=case.gaps,
        inside=[use.sentence for use in case.inside],
    )
    return suggest(shortfall)


def _strengths(results: list[CriterionResult], judgements: list[_Judgement]) -> list[str]:
    """What earned points, best first; with nothing earned, where the answer came closest."""
    pairs = sorted(
        ((r, j) for r, j in zip(results, judgements, strict=True) if r.score is not None),
        key=lambda pair: -(pair[0].score or 0),
    )
    good = [j.strength for r, j in pairs if (r.score or 0) >= 3 and j.strength]
    if good or not pairs:
        return list(dict.fromkeys(good))[:3]
    best = pairs[0][0]
    if best.score == 1:
        return ["No strength stands out yet; start with the first improvement."]
    name = load_guidance().criterion(best.id).name
    return [f"Closest to the mark: {name.lower()} ({best.score}/5)."]


def _improvements(results: list[CriterionResult]) -> list[str]:
    """The suggestions of the weakest criteria; for a strong answer, the one to polish."""
    scored = sorted((r for r in results if r.score is not None), key=lambda r: r.score or 0)
    weak = [r for r in scored if (r.score or 0) <= 3] or scored[:1]
    return list(dict.fromkeys(r.suggestion for r in weak if r.suggestion))[:3]


_ALWAYS_APPLY = ("experience_evidence", "focused_and_pointed", "most_qualified")


def _judgements(case: _Case) -> list[_Judgement]:
    """All eight criteria in guidance order; an empty answer scores 1 where scoring applies."""
    if case.sentences:
        return [rule(case) for rule in _RULES.values()]
    return [
        _Judgement(
            score=1,
            evidence=[],
            comment="There is no answer to grade.",
            suggestion=_GAP_FIX["no_example"],
        )
        if cid in _ALWAYS_APPLY
        else _skip(cid)
        for cid in CRITERION_IDS
    ]


def _case(request: GradingRequest) -> _Case:
    profile = request.profile
    sentences = sentence_signals(request.graded_text[:ANALYSED_CHARS])
    analysis = summarize(
        sentences,
        question=request.question,
        focus_areas=profile.focus_areas,
        concerns=profile.first_round.concerns,
    )
    return _Case(
        request=request,
        sentences=sentences,
        analysis=analysis,
        gaps=answer_gaps(analysis),
        asked=frozenset(content_words(request.question)),
        spoken_words=spoken_words(request.graded_text),
        inside=inside_uses([s.text for s in sentences]),
    )


class OfflineGrader:
    """Scores answers by rule, for use without a model and as a fast deterministic baseline."""

    backend: Final = "offline"
    model: None = None

    @property
    def prompt_version(self) -> str:
        return f"offline-{OFFLINE_RULES_VERSION}+guidance-{load_guidance().version}"

    def grade(self, request: GradingRequest) -> GraderReply:
        problem = language_problem(request.graded_text)
        if problem:
            return _not_graded(problem)
        case = _case(request)
        judgements = _judgements(case)
        results = [_result(cid, j, case) for cid, j in zip(CRITERION_IDS, judgements, strict=True)]
        return GraderReply(
            criteria=results,
            strengths=_strengths(results, judgements),
            improvements=_improvements(results),
            improved_answer=None,
            verdict=None,
        )


def _not_graded(reason: str) -> GraderReply:
    """Every criterion left null with the reason, rather than a confident grade of the wrong thing."""
    return GraderReply(
        criteria=[CriterionResult(id=cid, comment=reason) for cid in CRITERION_IDS],
        improvements=[reason],
    )
