"""What to change in THIS answer: one suggestion per weak criterion, naming what the answer lacks.

A stock line per criterion reads the same under every answer and teaches nothing, so each
suggestion here points at the answer's own words (a sentence to sharpen, a phrase to replace, a
focus area it never touched). A criterion that scored 4 or 5 gets no suggestion at all.
"""

from collections.abc import Callable, Sequence
from dataclasses import dataclass

from interviewer.grading.analysis import AnswerAnalysis, SentenceSignals, contradictions
from interviewer.grading.pipeline import GradingRequest

ADVISE_AT_MOST = 3  # a criterion scored above this needs no suggestion
QUOTE_WORDS = 14  # words of the candidate's sentence shown inside a suggestion
LONG_ANSWER_WORDS = 220  # beyond this an answer runs long when spoken
_EDGE = "\"'“”‘’«» "


@dataclass(frozen=True, kw_only=True)
class Shortfall:
    """One criterion's score on one answer, with everything the advice may point at."""

    criterion: str
    score: float | None
    request: GradingRequest
    sentences: Sequence[SentenceSignals]
    analysis: AnswerAnalysis
    gaps: Sequence[str]  # analysis.GAP_CODES, most important first
    inside: Sequence[str] = ()  # sentences relying on information not the candidate's to see


def advised(score: float | None) -> bool:
    """Whether a criterion with this score gets a suggestion: the one rule, for every grader."""
    return score is not None and score <= ADVISE_AT_MOST


def suggest(shortfall: Shortfall) -> str:
    """One change to this answer for this criterion; '' when it scored well or was not scored."""
    if not advised(shortfall.score):
        return ""
    if not shortfall.sentences:
        return "Give an answer: one situation you handled, what you did, and how it ended."
    return _ADVISERS[shortfall.criterion](shortfall)


# --- pointing at the answer's own words -----------------------------------------------------------


def quoted(text: str, words: int = QUOTE_WORDS) -> str:
    """A sentence of the answer in quotes, shortened to its opening words when long."""
    parts = text.strip().split()
    clipped = " ".join(parts[:words]).strip(_EDGE).rstrip(",;:.!?" + _EDGE)
    return f'"{clipped}..."' if len(parts) > words else f'"{clipped}"'


def _pick(s: Shortfall, weight: Callable[[SentenceSignals], float]) -> SentenceSignals | None:
    """The sentence weighing most (earliest on a tie), or None when none weighs anything."""
    best = max(s.sentences, key=lambda x: (weight(x), -x.start))
    return best if weight(best) > 0 else None


def _substance(x: SentenceSignals) -> float:
    return x.outcomes + x.numbers + x.actions + x.story_markers + 0.5 * x.specifics


def _strongest(s: Shortfall) -> str | None:
    """The answer's most substantial sentence (a result, a figure, an action), quoted, or None."""
    sentence = _pick(s, _substance)
    return quoted(sentence.text) if sentence else None


def _vaguest(s: Shortfall) -> str:
    sentence = _pick(s, lambda x: len(x.cliches) + x.hedges + (x.numbers + x.specifics == 0))
    return quoted((sentence or s.sentences[0]).text)


def _listed(items: Sequence[str]) -> str:
    items = list(items)
    return items[0] if len(items) == 1 else ", ".join(items[:-1]) + " and " + items[-1]


# --- one adviser per criterion ----------------------------------------------------------------


def _experience_evidence(s: Shortfall) -> str:
    gaps = [g for g in s.gaps if g in ("no_example", "no_outcome", "we_not_i", "vague")]
    gap = gaps[0] if gaps else ""
    if gap == "no_example":
        return (
            f"You speak in general terms ({_vaguest(s)}) but never tell one time you did it: "
            "name the situation, what you did and how it ended."
        )
    if gap == "no_outcome":
        action = _pick(s, lambda x: x.actions + x.own_action)
        said = quoted((action or s.sentences[0]).text)
        return f"You say what you did ({said}) but not how it ended: finish with the result."
    if gap == "we_not_i":
        we = _pick(s, lambda x: x.we - x.first_person)
        where = f"in {quoted(we.text)}" if we else "in the episode"
        return f"Say which part was yours {where}: 'we' hides what you did yourself."
    if gap == "vague":
        return (
            f"{_vaguest(s)} could come from anyone: replace it with the organisation, "
            "the size of the problem and a figure."
        )
    strongest = _strongest(s)
    if strongest:
        return f"Build the answer around {strongest} and end with what changed because of you."
    return "Tell one time you did this: the situation, what you did and how it ended."


def _focused_and_pointed(s: Shortfall) -> str:
    a, first = s.analysis, quoted(s.sentences[0].text)
    if "dodged" in s.gaps:
        return f"{first} does not answer what was asked: open with the direct answer, then back it."
    if a.words > LONG_ANSWER_WORDS:
        keep = _strongest(s) or "one example"
        return f"At {a.words} words it runs long: keep {keep} and the result, cut the rest."
    if a.cliches:
        return f'Cut "{a.cliches[0]}" and say plainly what you did, with one fact behind it.'
    if a.hedges >= 2 and (hedged := _pick(s, lambda x: x.hedges)) is not None:
        return f"Say {quoted(hedged.text)} without the hedges, or leave it out."
    return f"Open with your answer; {first} spends the first sentence on set-up."


def _most_qualified(s: Shortfall) -> str:
    if s.analysis.cliches:
        return (
            f'Any finalist could say "{s.analysis.cliches[0]}": replace it with one result of '
            "yours the others probably cannot match."
        )
    strongest = _strongest(s)
    if strongest and s.analysis.outcomes:
        return f"{strongest} is a real strength: say why it beats what the other finalists bring."
    return (
        f"{quoted(s.sentences[0].text)} could come from any finalist: name one result or "
        "combination of skills of yours they probably lack."
    )


def _priority_alignment(s: Shortfall) -> str:
    focus = s.request.profile.focus_areas
    strongest = _strongest(s)
    if not focus:
        return "Say what your example would mean for this team's priorities."
    touched = list(s.analysis.focus_hits)
    if touched:
        what = f"what {strongest} changed" if strongest else "one result you achieved"
        return f"You mention {_listed(touched)} in passing: say {what} for {touched[0]}."
    if strongest:
        return (
            f"This panel cares most about {_listed(focus)}: tie {strongest} to {focus[0]} "
            "and say what it would mean for this team."
        )
    return (
        f"{quoted(s.sentences[0].text)} touches none of what this panel cares about most "
        f"({_listed(focus)}): give one result of yours in {focus[0]}."
    )


def _first_round_gaps(s: Shortfall) -> str:
    concerns = s.request.profile.first_round.concerns
    touched = list(s.analysis.concern_hits)
    if not (touched or concerns):
        return "Answer the doubt behind the question with one recent example that settles it."
    concern = touched[0] if touched else concerns[0]
    if not touched:
        return (
            f'Round one doubted "{concern}" and {quoted(s.sentences[0].text)} leaves it alone: '
            "give one recent time you handled exactly that."
        )
    return (
        f'On "{concern}", {_strongest(s) or quoted(s.sentences[0].text)} offers more intent '
        "than proof: give one thing you have already done about it, and how it went."
    )


def _consistent_style(s: Shortfall) -> str:
    conflicts = contradictions(s.request.graded_text, s.request.earlier_answers)
    if conflicts:
        return f"{conflicts[0].rstrip('.')}: say which is right, or why both are true."
    strengths = s.request.profile.first_round.strengths
    if strengths:
        return (
            f'Round one liked "{strengths[0]}", and {quoted(s.sentences[0].text)} does not draw '
            "on it: add the example that showed it, it is what earned the callback."
        )
    return "Keep the figures and roles you give in line with what you said earlier."


def _follows_lead(s: Shortfall) -> str:
    if s.request.register == "relaxed":
        return (
            f"{quoted(s.sentences[0].text)} sounds rehearsed in a relaxed conversation: say it "
            "as you would to a colleague you respect."
        )
    casual = _pick(s, lambda x: x.slang)
    if casual:
        return f"{quoted(casual.text)} is too casual for this executive: keep it, in plainer words."
    longest = max(s.sentences, key=lambda x: x.words)
    return (
        f"{quoted(longest.text)} runs to {longest.words} words: split it, answer first, "
        "then the example."
    )


def _honest_preparation(s: Shortfall) -> str:
    insider = _pick(s, lambda x: x.insider_claims)
    leak = s.inside[0] if s.inside else insider.text if insider else ""
    if leak:
        return (
            f"{quoted(leak)} uses inside information: do not use or mention information that "
            "was not yours to see; prepare from what HR and your contacts can share openly."
        )
    mention = _pick(s, lambda x: x.preparation_mentions)
    if mention:
        return f"After {quoted(mention.text)}, say what it changed in how you answer."
    where = s.request.profile.company or "this round"
    return (
        f"{quoted(s.sentences[0].text)} shows nothing of how you prepared for {where}: say whom "
        "you asked (HR, a contact), what you asked, and what it changed in this answer."
    )


_ADVISERS: dict[str, Callable[[Shortfall], str]] = {
    "experience_evidence": _experience_evidence,
    "focused_and_pointed": _focused_and_pointed,
    "most_qualified": _most_qualified,
    "priority_alignment": _priority_alignment,
    "first_round_gaps": _first_round_gaps,
    "consistent_style": _consistent_style,
    "follows_lead": _follows_lead,
    "honest_preparation": _honest_preparation,
}
