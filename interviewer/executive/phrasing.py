"""What the built-in executive says when no LLM is configured: rule-based, in persona, never grading.

Every function is pure: the caller passes a seeded random.Random, so a session can be replayed
and tests are reproducible. Candidate text is only ever inserted as a value, never used as a
template, and nothing here states a number or a fact about the company beyond the profile.
"""

import functools
import random
import re
import tomllib
from collections.abc import Collection
from typing import NamedTuple

from interviewer import words
from interviewer.executive import listening
from interviewer.executive.fallback import follow_up_data
from interviewer.executive.listening import denied, we_count
from interviewer.executive.question_bank import clean_value, company_phrase, fill, role_phrase
from interviewer.profile import Profile
from interviewer.templates import prompts_dir
from interviewer.tone import register_for
from interviewer.words import FUNCTION_WORDS

GAPS = listening.GAPS
# Words that would turn a neutral bridge into a verdict; the executive never grades out loud.
PRAISE_WORDS = words.PRAISE_WORDS


def _register(tone: str) -> str:
    """'shift' starts formal; the engine switches to relaxed itself."""
    return register_for(tone)


# --- picking something the candidate actually said -----------------------------------------------
# No tagger: a word's part of speech is guessed from small word lists and endings. The aim is a
# short noun phrase the candidate really said ('the vendor migration'), never a clause or a verdict.

# One pass splits an answer into words and the marks between them: a full stop, '!' or '?' before
# a space ends a sentence; any other mark but the glue inside names and figures (&, /, ', $, %)
# ends a clause. Phrases never cross either.
_PIECE = re.compile(
    r"(?P<word>[\w$£€][\w'&+%\-]*(?:[.,]\d[\w'&+%\-]*)*)"
    r"|(?P<sentence>[.!?](?=\s|$)|\n)"
    r"|(?P<clause>[^\w\s'&/$£€%+\-]|[.,]|\s-\s)"
)
_DIGIT = re.compile(r"\d")
_DETERMINERS = {"the": "the", "a": "the", "an": "the", "this": "the", "my": "your", "our": "your"}
# Echoing these back sounds like mockery, so a clause that leans on one is never quoted.
_CLICHE = re.compile(
    r"\b(?:hard[- ]?work(?:er|ing)|team[- ]player|(?:fast|quick) learner|people person|"
    r"self[- ]starter|go[- ]getter|results[- ]driven|detail[- ]oriented|perfection|"
    r"outside the box|above and beyond|extra mile|problem[- ]solver|passion|"
    r"strong communicator|multi[- ]?tasker|work ethic|ground running|many hats|fast[- ]paced|"
    r"can-do|110%|team[- ]oriented|growth mindset|customer[- ]obsessed|synerg|thought leader|"
    r"best policy|people skills|natural leader|data[- ]driven)",
)  # matched against lower-cased text: a case-blind pattern is four times slower
_STOP = FUNCTION_WORDS | frozenset(  # and the adverbs and fillers that end a phrase too
    """
    across actually almost along although always among another anyway around basically
    beyond despite either etc everybody gonna herself himself honestly instead kinda later
    least less maybe mine neither never nobody often onto ourselves per pretty probably
    rather since sometimes soon sorta themselves though till today tomorrow toward towards
    uh um unless upon usually via wanna whether whose within without yeah yesterday
    """.split()
)
# Finite and base verb forms that end a phrase ('the AWS bill fell' stops before 'fell').
_VERBS = frozenset(
    """
    am is are was were be been being has have had having do does did done doing will would
    could should can may might must shall led ran fell rose hit grew cut stayed made took got
    went came gave kept left put set said told asked knew thought felt found saw became began
    begun built bought brought caught chose drove held lost meant met paid quit sent sold spent
    spoke stood taught understood won wrote broke drew fought forgot hid hung lay shot showed
    shown shut spread stuck threw woke get gets make makes take takes go goes come comes give
    gives keep keeps say says tell tells ask asks know knows think thinks feel feels find finds
    see sees seem seems need needs want wants try tries mean means become becomes happen happens
    show shows run runs grow grows fall falls rise rises hold holds bring brings sit stay stays
    let lets use uses hate hates believe believes guess hope hopes starts begin begins helps
    deliver delivers consider considers remember discover gather cover recover prefer suffer
    enter wonder bother differ encounter alter foster render appreciate respect thrive thrives
    originate originates drive drives involve validate adapt reflect learn improve implement
    """.split()
)
_CONTRACTION_HEADS = frozenset(
    "i we you they he she it that there here what who let where how when why this".split()
)
_CONTRACTION_TAILS = frozenset("m re ve ll d t".split())
_NUMBER_WORDS = frozenset(
    "two three four five six seven eight nine ten eleven twelve fifteen twenty thirty "
    "forty fifty sixty hundred hundreds thousand thousands million millions billion dozen half".split()
)
_CALENDAR = frozenset(
    "january february march april may june july august september october november december "
    "monday tuesday wednesday thursday friday saturday sunday year week month".split()
)
# Nouns that name nothing in particular: a phrase needs at least one word beyond these.
_GENERIC = frozenset(
    """
    lot thing stuff time way kind sort bit end point day one part reason fact idea example
    question answer something everything anything nothing people person situation area aspect
    level side place case matter work job year month week hour minute number amount range type
    issue problem approach basis world life team group company organisation organization
    business role experience opportunity environment balance detail pride priority need
    """.split()
)
_WEAK_MODIFIERS = frozenset(
    """
    whole same right other new big real main key best most first last next entire overall
    general certain various different important biggest largest worst hardest few several full
    major huge small bad better quick simple current previous usual typical particular specific
    extra actual true high low top early late recent second third final clear good positive
    valuable appropriate
    """.split()
)
_MODIFIERS = frozenset(
    "senior junior weekly monthly daily quarterly yearly annual single joint mutual frail warm "
    "cold short long night".split()
)
_LY_WORDS = frozenset(
    "family supply assembly anomaly monopoly rally weekly monthly daily quarterly yearly reply "
    "ally".split()
)
_NOUNS = frozenset(
    """
    team project budget plan pilot deal contract client customer patient student pupil class
    lesson ward shift nurse clinic hospital school service system platform product feature
    release launch rollout pipeline dashboard report forecast model process policy cost price
    revenue margin profit bill invoice sale market campaign brand channel funnel lead account
    quota target goal metric metrics kpi data database api app tool stack code review test bug
    incident outage alert fix index table query server cloud vendor supplier partner
    stakeholder board panel committee recruiter staff colleague peer mentor coach rota
    schedule deadline quarter audit close ledger payroll tax loan portfolio fund risk
    compliance tender bid proposal pitch demo trial renewal churn onboarding pricing hiring
    training reporting billing scheduling forecasting budgeting marketing planning nursing
    teaching engineering accounting shipping handover warehouse inventory stock order shipment
    delivery freight fleet route site store branch office region territory curriculum syllabus
    exam grade assessment parent teacher behaviour attendance bed medication dose discharge
    admission triage protocol chart record care safety quality rate cycle backlog sprint
    roadmap spec prototype design experiment survey interview candidate offer job position
    promotion raise bonus salary engagement morale culture feedback complaint grievance
    dispute conflict escalation meeting workshop session call email memo deck slide story
    website blog post page content keyword search spreadsheet template checklist rule standard
    guideline department division unit function programme program initiative strategy vision
    mission objective result outcome impact saving spend overtime headcount redundancy
    restructure merger acquisition integration cutover upgrade refactor rewrite repo pull
    request latency uptime throughput capacity demand agreement maintenance equipment asset
    property tenant lease claim premium broker insurer bank lender investor shareholder user
    activation conversion signup subscription tier seat licence license consultant agency move
    queue ticket desk helpdesk support workload squad cohort group analytics logistics cleanup
    migration trace traces slot truck label form field link paragraph stall poster club
    college sodium blood bloods theatre score trend routine coffee landscape example maths
    fraction task activity observation recovery receipt check error cash insurance clause
    penalty source mode segment usage volume contractor agent accountant assistant applicant
    participant merchant component document event logo list round depot vertical pool sheet
    rubric sepsis
    """.split()
)
_NOUN_ENDINGS = (
    "tion", "sion", "ment", "ance", "ence", "ness", "ship", "ity", "ism", "ure", "book",
    "case", "eer", "ist", "ian", "ogy", "ware", "flow", "base", "line", "board", "place",
    "log", "room", "work", "ee", "ics",
)  # fmt: skip
_ADJECTIVE_ENDINGS = ("al", "ic", "ive", "ous", "ary", "ory", "ible", "able", "ac")
# Words that look like nouns by their ending but are verbs, adjectives or adverbs.
_NOT_NOUNS = frozenset(
    """
    other another never ever over under after rather either neither whether together however
    further later earlier better bigger faster higher lower larger smaller longer shorter
    easier harder clearer stronger wider deeper closer cheaper quicker slower simpler greater
    fewer newer older major minor senior junior prior poor for or nor per her their our your
    proper super sooner former latter superior inferior upper outer inner elder whatever
    sure ensure unsure assure insure secure pure mature obscure endure online offline decline
    onboard aboard aware beware free see agree flee exist assist insist persist resist consist
    implement hence enhance mention
    """.split()
)
_KIND_WEIGHT = {"determiner": 3.0, "name": 2.5, "compound": 1.5}
_POSITION_BONUS = (1.5, 0.5, 0.0)  # the first two sentences carry the core of an answer


class _Word(NamedTuple):
    """What one token seems to be, judged from its spelling and where it stands."""

    stop: bool
    name: bool
    noun: bool
    number: bool
    gerund: bool
    plain: bool
    linked: bool
    content: bool
    specific: bool
    initial: bool = False
    determiner: str = ""


class _Clause(NamedTuple):
    """A stretch between punctuation marks: no phrase crosses one."""

    sentence: int
    text: str
    words: list[_Word]
    matches: list[re.Match]


# Stop words only end phrases, so one shared value serves them all.
_ENDS_PHRASE = _STOP | _VERBS | PRAISE_WORDS
_BREAK = _Word(True, False, False, False, False, False, False, False, False)
_DETERMINER_WORDS = {
    word: _BREAK._replace(determiner=shown) for word, shown in _DETERMINERS.items()
}


def salient_phrase(answer: str) -> str | None:
    """The most specific noun phrase in an answer ('the vendor migration'), or None."""
    best: tuple[float, str] | None = None
    for clause in _clauses(answer):
        bonus = _POSITION_BONUS[min(clause.sentence, 2)]
        for score, phrase in _candidates(clause):
            if best is None or score + bonus > best[0]:
                best = (score + bonus, phrase)
    return best[1] if best else None


def _clauses(answer: str):
    """Each clause of the answer in order, skipping clauses built on a cliché."""
    text = answer.replace("’", "'")
    any_cliche = _CLICHE.search(text.lower()) is not None  # clean answers skip the clause scans
    sentence, opens_sentence, matches = 0, True, []
    for piece in [*_PIECE.finditer(text), None]:
        if piece is not None and piece.lastgroup == "word":
            matches.append(piece)
            continue
        if matches:
            spoken = text[matches[0].start() : matches[-1].end()]
            if not (any_cliche and _CLICHE.search(spoken.lower())):
                yield _Clause(sentence, text, _words(matches, opens_sentence), matches)
            opens_sentence, matches = False, []
        if piece is not None and piece.lastgroup == "sentence" and not opens_sentence:
            sentence, opens_sentence = sentence + 1, True


def _words(matches: list[re.Match], opens_sentence: bool) -> list[_Word]:
    texts = [match.group() for match in matches]
    words = [_shape(text, False, False) for text in texts]
    if opens_sentence:
        following = texts[1] if len(texts) > 1 else ""
        capital_next = following[:1].isupper() and following.lower() not in _STOP
        words[0] = _shape(texts[0], True, capital_next)  # 'Lumen Retail said' vs 'Data is'
    return words


@functools.lru_cache(maxsize=8192)
def _shape(text: str, initial: bool, capital_next: bool) -> _Word:
    """Guess a token's part in a phrase; cached, since answers reuse most of their words."""
    lower = text.lower()
    if lower in _ENDS_PHRASE:
        return _DETERMINER_WORDS.get(lower, _BREAK)
    base = _without_plural(lower.removesuffix("'s").rstrip("'"))
    if _is_stop(lower, base):
        return _BREAK
    number = base in _NUMBER_WORDS or (not lower.isalpha() and _DIGIT.search(lower) is not None)
    name = not number and _is_name(text, base, initial, capital_next)
    noun = not number and (name or _is_noun(base))
    return _Word(
        stop=False,
        name=name,
        noun=noun,
        number=number,
        gerund=lower.endswith("ing") and len(lower) > 5,
        plain=not number and text.islower() and not lower.endswith(("ed", "s")),
        linked=noun or number or _is_modifier(lower, base),
        content=not number and base not in _GENERIC and base not in _WEAK_MODIFIERS,
        specific=noun and (len(base) >= 8 or _has_noun_ending(base)),
        initial=initial,
    )


def _without_plural(word: str) -> str:
    return words.singular(word)


def _is_stop(lower: str, base: str) -> bool:
    """Contractions and adverbs end a phrase, like the function words, verbs and praise do."""
    head, apostrophe, tail = lower.partition("'")
    if apostrophe and (head in _CONTRACTION_HEADS or tail in _CONTRACTION_TAILS):
        return True
    return lower.endswith("ly") and base not in _LY_WORDS


def _is_name(text: str, base: str, initial: bool, capital_next: bool) -> bool:
    """Capitalised past a sentence's first word, or an acronym: products, teams, companies."""
    if not text[:1].isupper() or text == "I" or base in _CALENDAR:
        return False
    return not initial or (len(text) > 1 and text.isupper()) or capital_next


def _is_noun(base: str) -> bool:
    if base in _NOUNS or _has_noun_ending(base):
        return True
    return base.endswith(("er", "or")) and len(base) > 4 and base not in _NOT_NOUNS


def _has_noun_ending(base: str) -> bool:
    return base.endswith(_NOUN_ENDINGS) and base not in _NOT_NOUNS


def _is_modifier(lower: str, base: str) -> bool:
    """Words that can sit inside a bare compound ('post-op', 'clinical', 'senior')."""
    if lower.endswith("ed"):
        return False  # 'promoted engineers' is a clause, not a compound
    return "-" in lower or base in _MODIFIERS or base.endswith(_ADJECTIVE_ENDINGS)


def _candidates(clause: _Clause) -> list[tuple[float, str]]:
    found = [*_determiner_phrases(clause), *_runs(clause, "name"), *_runs(clause, "compound")]
    return [candidate for candidate in found if candidate]


def _determiner_phrases(clause: _Clause):
    for index, word in enumerate(clause.words):
        end = _phrase_end(clause.words, index + 1) if word.determiner else index
        if end > index + 1:
            yield _scored(clause, "determiner", index + 1, end, word.determiner + " ")


def _phrase_end(words: list[_Word], start: int) -> int:
    """Modifiers, then nouns, ending on a noun: 'the AWS bill fell' stops at 'bill'."""
    end, seen_noun, after_name = start, False, False
    for index in range(start, min(start + 4, len(words))):
        word = words[index]
        # 'the Flint depot': a plain word after a name is usually what the name qualifies.
        as_noun = word.noun or (word.gerund and not seen_noun) or (after_name and word.plain)
        number_then_noun = word.number and index + 1 < len(words) and words[index + 1].noun
        if word.stop or (seen_noun and not as_noun and not number_then_noun):
            break
        if as_noun:
            end, seen_noun, after_name = index + 1, True, word.name
    return end


def _runs(clause: _Clause, kind: str):
    """Proper names ('Fjord Metrics') or bare compounds ('stakeholder alignment')."""
    start = None
    for index, word in enumerate([*clause.words, _BREAK]):
        if word.name if kind == "name" else word.linked:
            start = index if start is None else start
            continue
        if start is not None:
            first, end = (
                _compound(clause.words, start, index) if kind == "compound" else (start, index)
            )
            if end > first:
                yield _scored(clause, kind, first, end)
        start = None


def _compound(words: list[_Word], start: int, end: int) -> tuple[int, int]:
    """The end of a run that is a real compound: two to four words ending on a noun."""
    while end > start and not words[end - 1].noun:
        end -= 1
    start = max(start, end - 4)
    if end - start < 2 or all(word.name for word in words[start:end]):
        return start, start
    return start, end


def _span(clause: _Clause, start: int, end: int) -> str:
    text = clause.text[clause.matches[start].start() : clause.matches[end - 1].end()]
    if clause.words[start].initial and not clause.words[start].name:
        return text[:1].lower() + text[1:]  # 'Code reviews are slow' echoes 'code reviews'
    return text


def _scored(
    clause: _Clause, kind: str, start: int, end: int, prefix: str = ""
) -> tuple[float, str] | None:
    """Longer, named and technical-sounding phrases say more about what the candidate did."""
    body = clause.words[start:end]
    content = sum(word.content for word in body)
    phrase = prefix + _span(clause, start, end)
    if not content or len(phrase.split()) > 5 or phrase[-1].isdigit():
        return None
    if phrase.endswith("'s") and not body[-1].name:
        return None  # 'the patient's' dangles; 'St Anne's' is a place
    if end < len(clause.words) and clause.words[end].plain:
        return None  # 'a single cash pool': an unknown word next may be the real head
    head = body[-1]
    score = _KIND_WEIGHT[kind] + 0.8 * min(content, 3) + 0.6 * (head.specific and not head.name)
    if any(word.name for word in body):
        score += 0.6
    elif kind == "determiner" and len(body) == 1 and not head.specific:
        score -= 0.7  # 'the metric' names too little to be worth echoing
    return score, phrase


def _keyword(answer: str) -> str | None:
    """Fallback: the longest clearly noun-like word, when no phrase stands out."""
    nouns = [
        clause.matches[index].group()
        for clause in _clauses(answer)
        for index, word in enumerate(clause.words)
        if word.specific and word.content and not word.name
    ]
    return max(nouns, key=len, default=None)


# --- bridges between questions -------------------------------------------------------------------

# Every slot takes a noun phrase ('the vendor migration', 'Lumen Retail', 'your CV') and reads
# naturally with it; none asks, praises or quotes the phrase as a label (prompts/executive_lines.toml).


@functools.cache
def _lines() -> dict:
    """prompts/executive_lines.toml, read once: the offline executive's words are data."""
    return tomllib.loads((prompts_dir() / "executive_lines.toml").read_text(encoding="utf-8"))


def transition(previous_answer: str, tone: str, rng: random.Random) -> str:
    """A short bridge that shows the answer was heard, without judging it or asking anything."""
    register = _register(tone)
    bridges = _lines()["bridges"]
    phrase = salient_phrase(previous_answer)
    if phrase:
        return fill(rng.choice(bridges["phrase"][register]), {"phrase": phrase})
    keyword = _keyword(previous_answer)
    if keyword:
        return fill(rng.choice(bridges["keyword"][register]), {"phrase": keyword})
    return rng.choice(bridges["neutral"][register])


# --- follow-ups on thin answers ------------------------------------------------------------------
# The wordings live in prompts/gaps.toml; here we only choose one that fits what was said.

_SLOT = re.compile(r"\{(\w+)\}")


def follow_up(
    gap: str,
    previous_answer: str,
    tone: str,
    rng: random.Random,
    *,
    values: dict[str, str] | None = None,
    said_before: Collection[str] = (),
) -> str:
    """One question that names what this answer lacked, never a line already said."""
    register = _register(tone)
    if gap not in GAPS:
        raise ValueError(f"gap must be one of {', '.join(GAPS)}, got {gap!r}")
    known = {**_heard_values(previous_answer), **{k: v for k, v in (values or {}).items() if v}}
    lines = follow_up_data()["lines"][gap][register]
    options = [
        (len(slots), fill(line, known), line)
        for line in lines
        if (slots := set(_SLOT.findall(line))) <= known.keys()
    ]
    fresh = [o for o in options if not _already_said(o[2], o[1], said_before)]
    pool = fresh or [o for o in options if o[1] not in said_before] or options
    most = max(o[0] for o in pool)
    return rng.choice([o[1] for o in pool if o[0] == most])


def _heard_values(answer: str) -> dict[str, str]:
    """The phrase worth naming (never one the candidate denied) and how often they said 'we'."""
    values = {}
    phrase = salient_phrase(answer)
    if phrase and not denied(phrase, answer):
        values["phrase"] = phrase
    if we_count(answer) >= 2:
        values["we"] = str(we_count(answer))
    return values


def _already_said(template: str, text: str, said_before: Collection[str]) -> bool:
    """Said verbatim, or the same wording around a different phrase ('You mentioned X. ...')."""
    if text in said_before:
        return True
    fixed = [part.strip(" .,:;") for part in _SLOT.split(template)[::2]]
    longest = max(fixed, key=len)
    return len(longest) >= 12 and any(longest in said for said in said_before)


def register_nudge(rng: random.Random, said_before: Collection[str] = ()) -> str | None:
    """A word to a candidate who stayed stiff after the executive relaxed; once per interview."""
    lines = follow_up_data()["lines"]["register_nudge"]["relaxed"]
    if any(line in said for line in lines for said in said_before):
        return None
    return rng.choice(lines)


# --- framing the round ---------------------------------------------------------------------------


def opening(profile: Profile, tone: str, rng: random.Random) -> str:
    """Greet in persona and frame round two: little time, and only the strongest case wins."""
    register = _register(tone)
    company = clean_value(profile.company)
    framing = fill(
        rng.choice(_lines()["framings"][register]),
        {"role": role_phrase(profile), "at_company": f" at {company}" if company else ""},
    )
    greeting = rng.choice(_lines()["greetings"][register])
    parts = (greeting, _introduction(profile, register), framing)
    return " ".join(part for part in parts if part)


def _introduction(profile: Profile, register: str) -> str:
    name = clean_value(profile.interviewer.name)
    if register == "relaxed" and name:
        name = _first_name(name)
    title = re.sub(r"^the\s+", "", clean_value(profile.interviewer.title), flags=re.IGNORECASE)
    if name and title:
        return f"I'm {name}, {title}."
    if name:
        return f"I'm {name}."
    if title:
        return f"I'm the {title}."
    return (
        "I'll be leading today's conversation." if register == "formal" else "I'm running this one."
    )


_HONORIFICS = frozenset("dr dr. mr mr. mrs mrs. ms ms. miss prof prof. sir dame".split())


def _first_name(name: str) -> str:
    words = [w for w in name.split() if w.lower() not in _HONORIFICS]
    return words[0] if words else name


def shift_to_relaxed(profile: Profile, rng: random.Random) -> str:
    """The moment a formal executive loosens up, so the candidate can follow that lead."""
    name = clean_value(profile.interviewer.name)
    call_me = f" Call me {_first_name(name)}." if name else ""
    return fill(rng.choice(_lines()["shifts"]["relaxed"]), {"call_me": call_me})


def closing_invitation(tone: str, rng: random.Random) -> str:
    """Wrap up the executive's questions and hand the floor to the candidate."""
    return rng.choice(_lines()["closings"][_register(tone)])


def farewell(profile: Profile, tone: str, rng: random.Random) -> str:
    """Close politely without hinting at a verdict."""
    name = clean_value(profile.candidate.name)
    addressed = f", {_first_name(name)}" if name else ""
    return fill(rng.choice(_lines()["farewells"][_register(tone)]), {"name": addressed})


def offline_notice() -> str:
    """Say once that this is the scripted executive, and how to bring in a real model."""
    return str(_lines()["notice"]["offline"])


# --- answering the candidate's own questions -----------------------------------------------------

_TOPIC_WORDS = (
    (
        "conditions",
        "on-call oncall rota roster weekend night hour overtime travel remote commute "
        "cover holiday leave parking",
    ),
    ("pay", "salary pay compensation package bonus equity benefit stock remuneration"),
    ("success", "success successful succeed measure measured kpi goal expectation target"),
    ("priorities", "priority focus challenge problem important biggest urgent tackle pressing"),
    ("next_steps", "next timeline hear decision decide process stage round when timeframe step"),
    ("personal", "enjoy join joined stay yourself"),
    ("team", "team report colleague manager peer people who"),
    ("culture", "culture value environment atmosphere remote hybrid office style"),
    ("role", "role job day responsibility scope position typical daily"),
)


def question_topic(question: str) -> str:
    """Which kind of thing the candidate is asking about, by keyword."""
    words = {_singular(w) for w in re.findall(r"[a-z][a-z-]*", question.lower())}
    for topic, keywords in _TOPIC_WORDS:
        if words & set(keywords.split()):
            return topic
    return "general"


def _singular(word: str) -> str:
    return words.singular(word)


def answer_candidate_question(
    question: str, profile: Profile, tone: str, rng: random.Random
) -> str:
    """Answer in persona from the profile alone, and say plainly what the executive doesn't know."""
    register = _register(tone)
    topic = question_topic(question)
    areas = [a for a in map(clean_value, profile.focus_areas) if a]
    if topic in ("priorities", "success", "role", "team") and not areas:
        topic = f"{topic}_open"
    template = rng.choice(_lines()["answers"][topic][register])
    values = {
        "role": role_phrase(profile),
        "company": company_phrase(profile),
        "focus_list": _listed(areas[:3]),
        "first_focus": areas[0] if areas else "",
        "asked": _asked_about(question),
    }
    return fill(template, values)


def _asked_about(question: str) -> str:
    """'the on-call arrangements' for a question about on-call; 'that' when nothing is named."""
    asked = _lines()["asked"]
    words = re.findall(r"[a-z][a-z-]*", question.lower())
    return next((asked[w] for w in words if w in asked), "that")


def _listed(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"
