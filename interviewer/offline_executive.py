"""What the built-in executive says when no LLM is configured: rule-based, in persona, never grading.

Every function is pure: the caller passes a seeded random.Random, so a session can be replayed
and tests are reproducible. Candidate text is only ever inserted as a value, never used as a
template, and nothing here states a number or a fact about the company beyond the profile.
"""

import random
import re

from interviewer.profile import Profile
from interviewer.question_bank import clean_value, company_phrase, role_phrase

TONES = ("formal", "relaxed")
GAPS = ("vague", "no_example", "no_outcome", "dodged", "we_not_i", "contradiction")
# Words that would turn a neutral bridge into a verdict; the executive never grades out loud.
PRAISE_WORDS = frozenset(
    "great excellent good nice impressive perfect love loved lovely brilliant fantastic awesome "
    "amazing outstanding superb wonderful terrific exceptional strong solid spot-on".split()
)


def _register(tone: str) -> str:
    """'shift' starts formal; the engine switches to relaxed itself."""
    if tone == "shift":
        return "formal"
    if tone not in TONES:
        raise ValueError(f"tone must be formal, relaxed or shift, got {tone!r}")
    return tone


# --- picking something the candidate actually said -----------------------------------------------

_CLAUSE_BREAK = re.compile(r"[.,;:!?()\[\]\"“”—–\n]+|\s-\s")
_TOKEN = re.compile(r"[A-Za-z0-9][A-Za-z0-9'&+%\-]*")
_DETERMINERS = {
    "the": "the",
    "a": "a",
    "an": "an",
    "this": "the",
    "that": "the",
    "our": "your",
    "my": "your",
    "their": "their",
}
_STOP = frozenset(
    """
    i me we us you he she they them it its him her his hers ours mine yours theirs myself ourselves
    is are was were be been being am have has had do does did done will would could should can may
    might must shall in on at by for from to of with without into onto over under about after before
    during between through across against around per via than as like and or but so because if
    when while then that which who whom whose where what how why the a an this these those our my
    their your some any each every all no not very really just also only even still there here
    quite pretty too again ever never always actually basically probably maybe almost mostly
    started began decided wanted needed made took got went led ran built moved said told asked
    worked helped became saw found felt thought knew came gave kept left put set tried managed
    get make take go run build move say tell ask work help see find feel think know come give keep
    ok okay yes yeah no well um uh
    """.split()
)
_WEAK = frozenset(
    "lot lots thing things stuff time times way ways kind sort bit end point one ones day days "
    "first last next same other whole new big real main key best most part reason case fact "
    "idea example question answer something everything anything".split()
)
_NOUN_ENDINGS = ("tion", "sion", "ment", "ity", "ance", "ence", "ness", "ship", "ture", "ism")


def salient_phrase(answer: str) -> str | None:
    """The most specific noun phrase in an answer ('the warehouse migration'), or None."""
    candidates = []
    for clause in _CLAUSE_BREAK.split(answer.replace("’", "'")):
        words = _TOKEN.findall(clause)
        candidates += _determiner_phrases(words) + _proper_names(words) + _noun_compounds(words)
    if not candidates:
        return None
    return max(candidates, key=lambda scored: scored[0])[1]


def _determiner_phrases(words: list[str]) -> list[tuple[float, str]]:
    found = []
    for index, word in enumerate(words):
        if word.lower() in _DETERMINERS:
            body = _phrase_body(words[index + 1 :])
            if body:
                found.append((_score(body), " ".join([_DETERMINERS[word.lower()], *body])))
    return found


def _phrase_body(words: list[str]) -> list[str]:
    """Up to four content words, stopping at a function word or a verb-looking word."""
    body: list[str] = []
    for position, word in enumerate(words):
        lower = word.lower()
        if lower in PRAISE_WORDS:
            continue
        follower = words[position + 1].lower() if position + 1 < len(words) else ""
        if lower in _STOP or lower.endswith("ly") or (lower.endswith("ed") and _ends(follower)):
            break
        body.append(word)
        if len(body) == 4:
            break
    while body and body[-1].lower() in _WEAK:
        body.pop()  # 'the cloud programme end to end' names the programme, not the end
    return body


def _ends(follower: str) -> bool:
    """Whether a phrase cannot go on past this word ('crashed' then 'constantly': it stops)."""
    return not follower or follower in _STOP or follower.endswith(("ly", "ed"))


def _noun_compounds(words: list[str]) -> list[tuple[float, str]]:
    """Bare compounds such as 'stakeholder alignment': content words ending in a clear noun."""
    found, run = [], []
    if words and not words[0].isupper():
        words = [words[0].lower(), *words[1:]]  # a sentence's capital is not a name's
    for word in words + [""]:
        lower = word.lower()
        if word and lower not in _STOP and lower not in PRAISE_WORDS and not lower.endswith("ly"):
            run.append(word)
            continue
        while run and not _is_noun_like(run[-1]):
            run.pop()
        if len(run) >= 2:
            found.append((_score(run[-4:]) - 0.5, " ".join(run[-4:])))
        run = []
    return found


def _proper_names(words: list[str]) -> list[tuple[float, str]]:
    """Capitalised runs past the clause's first word, or acronyms: products, teams, companies."""
    found, run = [], []
    for position, word in enumerate(words + [""]):
        acronym = len(word) > 1 and word.isupper()
        capitalised = (position > 0 or acronym) and word[:1].isupper() and word != "I"
        if capitalised and word.lower() not in PRAISE_WORDS | _STOP:
            run.append(word)
            continue
        if run:
            found.append((_score(run), " ".join(run)))
        run = []
    return found


def _is_noun_like(word: str) -> bool:
    return word.lower().removesuffix("s").endswith(_NOUN_ENDINGS)


def _score(body: list[str]) -> float:
    """Longer, named and technical-sounding phrases say more about what the candidate did."""
    named = any(w[:1].isupper() for w in body)
    technical = any(len(w) >= 8 or _is_noun_like(w) for w in body)
    return len(body) + 1.5 * named + technical


def _keyword(answer: str) -> str | None:
    """Fallback: the longest noun-looking word, when no phrase stands out."""
    words = [w for w in _TOKEN.findall(answer) if _is_noun_like(w)]
    words = [w for w in words if w.lower() not in PRAISE_WORDS]
    return max(words, key=len, default=None)


# --- bridges between questions -------------------------------------------------------------------

_PHRASE_BRIDGES = {
    "formal": (
        "You mentioned {phrase}. Let's move on.",
        "Noted: {phrase}. I'd like to turn to something else.",
        "I've made a note of {phrase}. Next topic.",
        "Thank you. I'll keep {phrase} in mind as we continue.",
    ),
    "relaxed": (
        "Okay, {phrase}, got it.",
        "Right, {phrase}. Let's switch gears.",
        "Fair enough. I'll hang on to what you said about {phrase}.",
        "Got it, {phrase}. Let's try something different.",
    ),
}
_KEYWORD_BRIDGES = {
    "formal": (
        "I've noted the point about {phrase}. Let's move on.",
        "Understood on {phrase}. On to the next point.",
    ),
    "relaxed": (
        "Okay, noted on the {phrase} side of things. Let's keep going.",
        "Right, {phrase}. Let's try another angle.",
    ),
}
_NEUTRAL_BRIDGES = {
    "formal": ("Let's move on.", "Thank you. On to the next point.", "Understood. Next topic."),
    "relaxed": ("Okay, let's keep going.", "Alright, moving on.", "Right, let's try another one."),
}


def transition(previous_answer: str, tone: str, rng: random.Random) -> str:
    """A short bridge that shows the answer was heard, without judging it or asking anything."""
    register = _register(tone)
    phrase = salient_phrase(previous_answer)
    if phrase:
        return rng.choice(_PHRASE_BRIDGES[register]).format(phrase=phrase)
    keyword = _keyword(previous_answer)
    if keyword:
        return rng.choice(_KEYWORD_BRIDGES[register]).format(phrase=keyword)
    return rng.choice(_NEUTRAL_BRIDGES[register])


# --- follow-ups on thin answers ------------------------------------------------------------------

_FOLLOW_UPS = {
    ("vague", "formal"): (
        "That was quite general. What exactly did you do, step by step?",
        "Let me pin that down. Which specific situation are you thinking of, and what was your part?",
        "I need something more concrete: what was the situation, and what did you decide?",
    ),
    ("vague", "relaxed"): (
        "I'm not quite picturing it yet. Can you walk me through what actually happened?",
        "Let's make that concrete. What's one real situation where you did exactly that?",
        "Help me with the specifics: who was involved, and what did you actually do?",
    ),
    ("no_example", "formal"): (
        "Can you give me a specific instance where you actually did that?",
        "That describes an approach. When did you last apply it, and what happened?",
        "I'd like evidence rather than principle. Which real situation shows this?",
    ),
    ("no_example", "relaxed"): (
        "Have you got a real example of that from your own work?",
        "Okay, that's the theory. When's a time you actually did it?",
        "Can you think of one time that really happened, start to finish?",
    ),
    ("no_outcome", "formal"): (
        "What was the result, and can you put figures on it?",
        "How did that end: what measurably changed because of it?",
        "What was the outcome for the business, and how was it measured?",
    ),
    ("no_outcome", "relaxed"): (
        "So how did it all turn out, and have you got any numbers on it?",
        "What happened in the end, and did it actually move anything?",
        "Where did it land, and what was different afterwards?",
    ),
    ("dodged", "formal"): (
        "I don't think that answered my question. Could you take it head-on, in a sentence or two?",
        "That's related, but it isn't what I asked. What is your direct answer?",
        "Let me bring you back to the question itself. What is your answer to it, plainly?",
    ),
    ("dodged", "relaxed"): (
        "Hang on, I think we drifted off my question there. What's your straight answer?",
        "That's not quite what I was getting at. Can you have another go at the actual question?",
        "I didn't hear an answer to what I asked. What would it be, in a couple of sentences?",
    ),
    ("we_not_i", "formal"): (
        "You said 'we' several times. What did you decide or do personally?",
        "I'd like to separate your contribution from the team's. Which part was yours alone?",
        "Whose decision was it, and what specifically was your role?",
    ),
    ("we_not_i", "relaxed"): (
        "Lots of 'we' in there. What was your bit, specifically?",
        "If I asked your team, what would they say you personally did?",
        "Let's talk about you for a second. What did you yourself decide?",
    ),
    ("contradiction", "formal"): (
        "That doesn't seem to fit with something you said earlier. Which version should I rely on?",
        "Earlier you gave me a different picture. How do the two accounts fit together?",
        "I'm hearing two different things. How does this square with what you told me before?",
    ),
    ("contradiction", "relaxed"): (
        "Hmm, that sounds different from what you said earlier. Which is it?",
        "I'm a bit confused, since earlier you seemed to say the opposite. What's the real story?",
        "Help me square that with what you told me before. How do they fit?",
    ),
}
_PHRASE_FOLLOW_UPS = {
    "vague": "Let's zoom in on {phrase}. What specifically happened there?",
    "no_example": "You mentioned {phrase}. When did you actually put that into practice?",
    "no_outcome": "What did {phrase} actually change, in figures if you have them?",
    "we_not_i": "On {phrase}, what did you personally own?",
}


def follow_up(gap: str, previous_answer: str, tone: str, rng: random.Random) -> str:
    """One question that names what the answer lacked, so the candidate can repair it."""
    register = _register(tone)
    if gap not in GAPS:
        raise ValueError(f"gap must be one of {', '.join(GAPS)}, got {gap!r}")
    options = list(_FOLLOW_UPS[(gap, register)])
    phrase = salient_phrase(previous_answer)
    if phrase and gap in _PHRASE_FOLLOW_UPS:
        options.append(_PHRASE_FOLLOW_UPS[gap].format(phrase=phrase))
    return rng.choice(options)


# --- framing the round ---------------------------------------------------------------------------

_GREETINGS = {
    "formal": (
        "Thank you for coming back.",
        "Welcome back, and thank you for making the time.",
        "Thank you for coming in again.",
    ),
    "relaxed": (
        "Hi, thanks for coming back in.",
        "Hey, welcome back, and thanks for making the time.",
        "Hi there, glad you could make it back.",
    ),
}
_FRAMINGS = {
    "formal": (
        "You're one of a small number of finalists for {role}{at_company}, and my time is "
        "limited, so I'll keep my questions narrow. My aim is to find out which of you is the "
        "right choice.",
        "We've narrowed {role}{at_company} down to a short list. My schedule is tight today, so "
        "expect direct questions; I want to understand what sets you apart from the others.",
        "At this stage we know you can do the work, and so can the other finalists. With the "
        "time I have, I want to establish whether you're the one we should hire for {role}.",
    ),
    "relaxed": (
        "You've made the short list for {role}{at_company}, so I won't go over the basics again. "
        "I've only got a bit of time, and what I really want to figure out is why you'd be the "
        "pick over the other finalists.",
        "I'm squeezed for time today, so I'll get straight to it. You're down to the last few for "
        "{role}, and I'd like to work out what sets you apart.",
        "We already know you can do the job; that's why you're back. With the time we've got, I "
        "want to get a feel for why it should be you and not one of the other finalists.",
    ),
}


def opening(profile: Profile, tone: str, rng: random.Random) -> str:
    """Greet in persona and frame round two: little time, and only the strongest case wins."""
    register = _register(tone)
    company = clean_value(profile.company)
    framing = rng.choice(_FRAMINGS[register]).format(
        role=role_phrase(profile), at_company=f" at {company}" if company else ""
    )
    parts = (rng.choice(_GREETINGS[register]), _introduction(profile, register), framing)
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


_SHIFTS = (
    "Let's drop the formality for a bit.{call_me} I'd rather just talk about how you actually work.",
    "Okay, that's the structured part done.{call_me} Let's make the rest more of a conversation.",
    "I think we can put the script down now.{call_me} Let's just talk, one colleague to another.",
)


def shift_to_relaxed(profile: Profile, rng: random.Random) -> str:
    """The moment a formal executive loosens up, so the candidate can follow that lead."""
    name = clean_value(profile.interviewer.name)
    call_me = f" Call me {_first_name(name)}." if name else ""
    return rng.choice(_SHIFTS).format(call_me=call_me)


_CLOSINGS = {
    "formal": (
        "That covers what I wanted to ask. What questions do you have for me?",
        "We're close to time, so I'll stop there. What would you like to ask me?",
        "I have what I need from my side. What would you like to know from me?",
    ),
    "relaxed": (
        "Okay, I think I've grilled you enough. What do you want to ask me?",
        "That's me done with my list. What's on your mind?",
        "Right, your turn. What would you like to know?",
    ),
}


def closing_invitation(tone: str, rng: random.Random) -> str:
    """Wrap up the executive's questions and hand the floor to the candidate."""
    return rng.choice(_CLOSINGS[_register(tone)])


_FAREWELLS = {
    "formal": (
        "Thank you for your time today{name}. We'll be in touch about next steps.",
        "Thank you for coming in{name}. You'll hear from us once we've spoken to everyone.",
    ),
    "relaxed": (
        "Thanks for coming in{name}, I enjoyed the conversation. We'll be in touch soon.",
        "Thanks{name}, I appreciate your time. You'll hear from us once we've seen everyone.",
    ),
}


def farewell(profile: Profile, tone: str, rng: random.Random) -> str:
    """Close politely without hinting at a verdict."""
    name = clean_value(profile.candidate.name)
    addressed = f", {_first_name(name)}" if name else ""
    return rng.choice(_FAREWELLS[_register(tone)]).format(name=addressed)


def offline_notice() -> str:
    """Say once that this is the scripted executive, and how to bring in a real model."""
    return (
        "You're talking to the built-in offline executive: scripted questions and rule-based "
        "feedback, no language model involved. To rehearse with an LLM instead, set "
        "OPENAI_BASE_URL (for example http://localhost:11434/v1 for a local Ollama) and/or "
        "OPENAI_API_KEY, choose a model with INTERVIEWER_MODEL, then run the command again. "
        "If INTERVIEWER_OFFLINE is set, unset it too."
    )


# --- answering the candidate's own questions -----------------------------------------------------

_TOPIC_WORDS = (
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
    words = {_singular(w) for w in re.findall(r"[a-z]+", question.lower())}
    for topic, keywords in _TOPIC_WORDS:
        if words & set(keywords.split()):
            return topic
    return "general"


def _singular(word: str) -> str:
    return word[:-1] if len(word) > 3 and word.endswith("s") and not word.endswith("ss") else word


def answer_candidate_question(
    question: str, profile: Profile, tone: str, rng: random.Random
) -> str:
    """Answer in persona from the profile alone; say so rather than invent facts or figures."""
    register = _register(tone)
    topic = question_topic(question)
    areas = [a for a in map(clean_value, profile.focus_areas) if a]
    if topic in ("priorities", "success", "role") and not areas:
        topic = f"{topic}_open"
    template = rng.choice(_ANSWERS[topic][register])
    return template.format(
        role=role_phrase(profile),
        company=company_phrase(profile),
        focus_list=_listed(areas[:3]),
        first_focus=areas[0] if areas else "",
    )


def _listed(items: list[str]) -> str:
    if len(items) < 2:
        return "".join(items)
    return f"{', '.join(items[:-1])} and {items[-1]}"


_ANSWERS: dict[str, dict[str, tuple[str, ...]]] = {
    "pay": {
        "formal": (
            "I'll leave the package to the people who handle offers, so you get accurate details "
            "rather than my recollection.",
        ),
        "relaxed": (
            "Honestly, I'd rather not quote anything from memory. The people who put offers "
            "together will take you through the package properly.",
        ),
    },
    "next_steps": {
        "formal": (
            "We're completing conversations with the other finalists, then we'll compare notes. "
            "I won't promise a date today, but whoever has been coordinating your interviews will "
            "contact you once we've decided.",
        ),
        "relaxed": (
            "We're still seeing the other finalists, and then we'll sit down and compare notes. "
            "I don't want to promise you a date, but you'll hear from whoever's been arranging "
            "your interviews as soon as there's a decision.",
        ),
    },
    "priorities": {
        "formal": (
            "For {role}, what matters most to me is {focus_list}. I'd expect {first_focus} to "
            "take most of your attention early on.",
        ),
        "relaxed": (
            "Honestly, it comes down to {focus_list}. If you got {first_focus} moving early, "
            "I'd be very happy.",
        ),
    },
    "priorities_open": {
        "formal": (
            "I'd rather not hand you a list before you've looked around. I'd expect whoever takes "
            "{role} to come back to me with their own view of the priorities, and we'd agree them "
            "together.",
        ),
        "relaxed": (
            "I'd actually like whoever takes {role} to help shape that list. Come in, look "
            "around, tell me what you see, and we'll settle the priorities together.",
        ),
    },
    "success": {
        "formal": (
            "Success in {role} would mean clear progress on {focus_list}, and people across "
            "{company} relying on your judgement. The specific targets we would agree with you "
            "once you've settled in.",
        ),
        "relaxed": (
            "For me it's visible progress on {focus_list}, and people coming to you because they "
            "trust your calls. We'd pin down the actual targets together once you're in.",
        ),
    },
    "success_open": {
        "formal": (
            "Success in {role} would mean people relying on your judgement and seeing results "
            "they can point to. The specific targets we would agree with you once you've settled "
            "in.",
        ),
        "relaxed": (
            "For me it's people trusting your calls and seeing results they can point to. We'd "
            "pin down the actual targets together once you're in.",
        ),
    },
    "role": {
        "formal": (
            "At its core, {role} at {company} is about {focus_list}. The detail varies from week "
            "to week, but that is where I would want your time to go.",
        ),
        "relaxed": (
            "Day to day it moves around, but the heart of {role} is {focus_list}. That's where "
            "I'd want most of your energy.",
        ),
    },
    "role_open": {
        "formal": (
            "The shape of {role} is something I'd expect you to influence. I care less about the "
            "job description than about the problems you choose to take on.",
        ),
        "relaxed": (
            "Honestly, the job description is only a starting point. I'd expect you to shape "
            "{role} around the problems that matter most once you're in.",
        ),
    },
    "team": {
        "formal": (
            "I'd rather you meet the people than rely on my summary of them. If we move forward, "
            "I'll make sure you spend time with the people you'd work with most closely.",
        ),
        "relaxed": (
            "I'd much rather you met them than heard my version. If this goes ahead, I'll set up "
            "time for you with the people you'd be working with.",
        ),
    },
    "culture": {
        "formal": (
            "Speaking for myself, I value people who are direct, who bring evidence rather than "
            "opinion, and who tell me early when something is going wrong. I try to work that way "
            "and look for it in the people I hire.",
        ),
        "relaxed": (
            "I can only speak for how I work: I like people who are straight with me, back their "
            "views with evidence, and flag problems early. That's what I look for in a hire.",
        ),
    },
    "personal": {
        "formal": (
            "What keeps me engaged is hard problems and people who care about getting them "
            "right. That is also what I'd want this role to offer you.",
        ),
        "relaxed": (
            "For me it's the hard problems, and working with people who care about getting them "
            "right. I'd want the same for whoever takes this job.",
        ),
    },
    "general": {
        "formal": (
            "I'd rather give you a straight answer than a polished one, and I don't want to speak "
            "beyond what I can stand behind today. If it matters to your decision, raise it again "
            "as we get closer to an offer and I'll make sure you get a proper answer.",
        ),
        "relaxed": (
            "Fair question. I don't want to give you a half-answer, so let me be honest: I'd want "
            "to check before committing to anything. If it matters to you, bring it up again "
            "later and I'll get you a proper answer.",
        ),
    },
}
