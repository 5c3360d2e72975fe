"""What the offline grader cannot judge, said out loud instead of graded with false confidence.

Its rules read English; an answer in another language is left ungraded with one line saying
why. An answer far beyond what anyone would say aloud is still graded, but scored down for focus
and flagged, and only its opening is analysed so a pasted document cannot stall the grader.
"""

import re
from collections import Counter

from interviewer.contract import Flag
from interviewer.grading.honesty import inside_information

SPOKEN_WORDS = 600  # beyond this an answer is a document, not something said in an interview
ANALYSED_CHARS = 20_000  # how much of a very long answer the offline rules read

_WORD = re.compile(r"[^\W\d_]+(?:['’][^\W\d_]+)?")
_ENGLISH = frozenset(
    """the and to of a in i is was that it for on with we my as at be this have had but not they
    you our were by so are from an what which when then there their them me did do been would
    could about after into because also just very how who all one out up if no more than
    i'm i've it's don't didn't""".split()
)
_OTHERS = {
    "German": """der die das und ich ist nicht mit ein eine zu den von wir sie auf für im es dass
        habe hat war auch sich dem des bei nach oder aber wie mein meine unser wurde haben""",
    "French": """le la les et je est pas avec un une des du de que qui pour dans sur nous mon ma
        mes notre été ai avons était au aux ce cette mais ou très""",
    "Spanish": """el la los las y yo es no con un una de del que para en por nosotros mi mis
        nuestro fue he hemos era al pero muy como lo se más""",
    "Italian": """il lo la gli le e io è non con un una di del che per in su noi mio mia nostro
        stato ho abbiamo era al ma molto come sono più""",
    "Portuguese": """o a os as e eu é não com um uma de do da que para em por nós meu minha
        nosso foi tenho temos era ao mas muito como""",
    "Polish": """w na z do że się nie to jest jak po ale od za przez dla ja był była było mój moja
        nasz nasza są który która które tym czy już także oraz jestem mam miałem byłem""",
    "Dutch": """de het een en ik is niet met van dat die voor op wij we mijn ons onze was heb
        hebben werd maar ook zijn naar bij als""",
}
_LANGUAGES_OF: dict[str, list[str]] = {}
for _name, _words in _OTHERS.items():
    for _word in _words.split():
        _LANGUAGES_OF.setdefault(_word, []).append(_name)


def reads_as_english(text: str, *, names: bool = True) -> bool:
    """Whether common English words make up a fifth of the answer, as in any English prose.

    With `names` False, capitalised words (names, acronyms, a tail of keywords) are not counted,
    so a list of product names cannot make an English answer look foreign."""
    found = _WORD.findall(text[:ANALYSED_CHARS])
    if not names:
        found = [w for w in found if not w[0].isupper() or w in ("I", "I'm", "I've")] or found
    words = [w.lower().replace("’", "'") for w in found]
    return bool(words) and sum(w in _ENGLISH for w in words) >= 0.2 * len(words)


def language_problem(text: str) -> str:
    """One line saying why an answer is not graded as English, or "" when it reads as English."""
    words = [w.lower().replace("’", "'") for w in _WORD.findall(text[:ANALYSED_CHARS])]
    if len(words) < 6:
        return ""
    english = sum(w in _ENGLISH for w in words) / len(words)
    if english >= 0.2:
        return ""  # the common case, decided without looking further
    if sum(w.isascii() or max(map(ord, w)) < 0x250 for w in words) < len(words) / 2:
        name = "a language other than English"
    else:
        shares = Counter(name for w in words for name in _LANGUAGES_OF.get(w, ()))
        name, hits = max(shares.items(), key=lambda item: item[1], default=("", 0))
        if not (hits / len(words) >= 0.12 and hits / len(words) > 1.5 * english):
            return ""
    return (
        f"The answer appears to be in {name}; the offline grader reads English only, so it is "
        "not graded. Answer in English, or grade with a model (--model), which reads any language."
    )


def spoken_words(text: str) -> int:
    """How many words an answer has, as it would be spoken."""
    return len(text.split())


def too_long(text: str) -> bool:
    """Far beyond a spoken answer: more words than anyone says aloud in one go."""
    return spoken_words(text) > SPOKEN_WORDS


def answer_flags(text: str) -> list[Flag]:
    """What a reader must know about an answer whichever grader reads it."""
    flags = []
    if language_problem(text):
        flags.append(Flag.NOT_ENGLISH)
    if too_long(text):
        flags.append(Flag.TOO_LONG)
    if inside_information(text[:ANALYSED_CHARS]):
        flags.append(Flag.INSIDE_INFORMATION)
    return flags
