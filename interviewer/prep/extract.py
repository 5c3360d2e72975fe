"""The offline draft of a profile: rules read the ad, the CV and the notes; nothing is guessed.

Each value is cut from its input and carries the words it came from, so the candidate can check it
and the tests can prove nothing was invented. Round one's strengths and concerns come from the notes
alone (`round_one.py`), focus areas from the ad alone (`focus.py`), the candidate's name, summary
and achievements from the CV alone. A value whose quote is not in its input is dropped, whatever
rule produced it, and counted in `notices`.
"""

import re

from interviewer.grading.analysis import sentence_signals
from interviewer.grading.grounding import normalize
from interviewer.prep.draft import PrepInputs, ProfileDraft, Source, Sourced
from interviewer.prep.focus import focus_areas
from interviewer.prep.lines import Line, document_lines, is_heading
from interviewer.prep.round_one import round_one_findings, round_two_interviewer

MAX_EXPERIENCES = 8
MAX_BACKGROUND_WORDS = 90
_HEAD_LINES = 25  # the role and company are named near the top of an ad

_NOISE = re.compile(
    r"cookie|^(?:apply(?: now| for this job)?|easy apply|save(?: job)?|share(?: this job)?|"
    r"report(?: this)? job|sign in|log in|register|job alerts?|similar jobs|show (?:more|less)|"
    r"see more|back to (?:search|results)|posted\b.*|\d+\+? applicants|accept(?: all)?|"
    r"reject(?: all)?|manage (?:preferences|cookies)|privacy(?: policy)?|terms(?: of use)?|"
    r"skip to (?:main )?content|menu|home|jobs|careers|promoted|actively recruiting|"
    r"full[- ]time|part[- ]time|permanent|contract|remote|hybrid|on-?site)$",
    re.I,
)
_SALARY = re.compile(r"^(?:salary|pay|compensation|package|rate)\b|[£$€]\s?\d|\d\s?k\b", re.I)
_LABEL = re.compile(
    r"^\s*(?P<label>job title|position|role|title|vacancy|company|employer|organi[sz]ation|"
    r"hiring (?:company|organi[sz]ation))\s*[:\-–]\s*(?P<value>\S.{1,80}?)\s*$",
    re.I | re.M,
)
_ROLE_WORDS = re.compile(
    r"\b(?:manager|director|engineer|nurse|head|lead|officer|analyst|designer|developer|teacher|"
    r"specialist|coordinator|co-ordinator|consultant|scientist|accountant|administrator|architect|"
    r"vp|vice president|president|chief|executive|representative|associate|assistant|technician|"
    r"supervisor|principal|advisor|adviser|partner|controller|planner|buyer|chef|pharmacist|"
    r"physician|doctor|therapist|midwife|paramedic|surgeon|editor|writer|producer|researcher|"
    r"lecturer|professor|tutor|counsel|lawyer|solicitor|paralegal|auditor|economist|strategist|"
    r"owner|agent|clerk|receptionist|operator|electrician|mechanic|driver|pilot|recruiter|"
    r"cto|ceo|cfo|coo|cmo|cio|ciso|cro|hr|marketer|programmer|superintendent|foreman|steward)s?\b",
    re.I,
)
_TITLE_SPLIT = re.compile(r"\s+(?:[-–—|·•]|at|@)\s+|\s*[|·•]\s*")
_ORG = r"(?P<org>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|of|and|de|du|von|the))*)"
_ABOUT = re.compile(r"^(?i:about|at|join|working at|life at)\s+" + _ORG + r"\s*:?\s*$")
_IS_A = re.compile(
    r"(?:^|(?<=[.!?]\s))" + _ORG + r"\s+(?:is|are)\s+(?:a|an|the|one of|Europe's|Britain's|"
    r"the UK's|[A-Z][a-z]+'s|proud|on a mission|hiring|looking|building|growing)\b"
)
_JOIN = re.compile(
    r"\b(?i:join|at)\s+" + _ORG + r"(?:\s+as\b|,\s+(?:we|you|our)\b|\s+(?:we|you)\b)"
)
_NOT_ORG = frozenset(
    """the this that we you our it he she they role team job position company about us
    who what why where how join life working responsibilities requirements salary""".split()
)


def draft_profile(inputs: PrepInputs) -> ProfileDraft:
    """Everything the rules can find in the inputs, each value with the words it rests on."""
    job, cv, notes = (inputs.text_of(source) for source in ("job ad", "CV", "notes"))
    strengths, concerns = round_one_findings(notes) if notes else ((), ())
    name, title = round_two_interviewer(notes) if notes else (None, None)
    draft = ProfileDraft(
        role=find_role(job) if job else None,
        company=find_company(job) if job else None,
        focus_areas=focus_areas(job) if job else (),
        strengths=strengths,
        concerns=concerns,
        interviewer_name=name,
        interviewer_title=title,
        candidate_name=find_candidate_name(cv) if cv else None,
        background=find_background(cv) if cv else None,
        experiences=find_experiences(cv) if cv else (),
    )
    return grounded(draft, inputs)


# --- the ad: role and company -------------------------------------------------------------


def ad_head(job: str) -> list[str]:
    """The ad's first lines without job-board furniture (buttons, cookie banners, salary)."""
    lines = [line.strip().strip("#*_ ").strip() for line in job.splitlines()]
    return [line for line in lines if line and not _is_noise(line)][:_HEAD_LINES]


def _is_noise(line: str) -> bool:
    parts = [p.strip() for p in re.split(r"\s*[|·•]\s*", line) if p.strip()]
    return bool(_SALARY.search(line)) or all(_NOISE.search(p) for p in parts)


def find_role(job: str) -> Sourced | None:
    """A 'Job title:' label, else the first short line near the top that names a job."""
    label = _labelled(job, ("job title", "position", "role", "title", "vacancy"))
    if label:
        return _ad(label, label)
    for line in ad_head(job):
        title = _title_in(line)
        if title:
            return _ad(title, title)
    return None


def _title_in(line: str) -> str | None:
    """The part of a title line that names the job ('Data Scientist - Acme - London')."""
    if len(line.split()) > 12 or line.endswith((".", "!", "?")) or line.lower().startswith("about"):
        return None
    for part in _TITLE_SPLIT.split(line):
        part = part.strip(" :")
        if part and len(part.split()) <= 8 and _ROLE_WORDS.search(part) and part[0].isupper():
            return part
    return None


def _labelled(text: str, labels: tuple[str, ...]) -> str | None:
    for match in _LABEL.finditer(text):
        if match.group("label").lower() in labels:
            return match.group("value").strip(" .")
    return None


def find_company(job: str) -> Sourced | None:
    """'Company:', 'About X', 'X is a ...' or 'Join X as ...', the best supported by the ad."""
    label = _labelled(job, ("company", "employer", "organisation", "organization"))
    if label:
        return _ad(label, label)
    found = _company_candidates(job)
    if not found:
        return None
    best = max(found, key=lambda name: (_mentions(name, job), -found.index(name)))
    return _ad(best, best)


def _company_candidates(job: str) -> list[str]:
    names = [m.group("org") for line in ad_head(job) if (m := _ABOUT.match(line))]
    names += [m.group("org") for m in _IS_A.finditer(job)]
    names += [m.group("org") for m in _JOIN.finditer(job)]
    names = [_trim_org(name) for name in names]
    return [n for n in dict.fromkeys(names) if n and n.split()[0].lower() not in _NOT_ORG]


def _trim_org(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in {"of", "and", "&", "de", "du", "von", "the"}:
        words.pop()
    return " ".join(words[:5]).rstrip(".'’")


def _mentions(name: str, text: str) -> int:
    return normalize(text).count(normalize(name))


def _ad(value: str, quote: str) -> Sourced:
    return Sourced(value=value, source="job ad", quote=quote)


# --- the CV: name, summary, achievements --------------------------------------------------

_NAME_LINE = re.compile(r"^[A-Z][A-Za-z'’-]+(?:\s+(?:[A-Z]\.|[A-Z][A-Za-z'’-]+)){1,3}$")
_CV_WORDS = frozenset(
    """curriculum vitae resume résumé cv summary profile experience education skills contact
    personal statement objective references employment history work""".split()
)
_SUMMARY_HEADINGS = re.compile(
    r"^(?:(?:professional |personal |career |executive )?(?:summary|profile|statement)|"
    r"about(?: me)?|objective|overview|introduction|who i am)$",
    re.I,
)
_SKIP_SECTIONS = re.compile(
    r"skill|education|qualification|certif|interest|hobb|language|referee|reference|contact", re.I
)
_CONTACT = re.compile(r"@|https?://|www\.|linkedin|github\.com|\+?\d[\d ()-]{7,}\d")


def find_candidate_name(cv: str) -> Sourced | None:
    """A 'Name:' label, else the first short line of the CV that reads as a person's name."""
    match = re.search(r"^\s*name\s*:\s*(?P<name>\S.{1,60}?)\s*$", cv, re.I | re.M)
    if match:
        return _cv(match.group("name"), match.group("name"))
    for raw in cv.splitlines()[:8]:
        line = _strip_cv_suffix(raw.strip().strip("#*_ ").strip())
        if line and _NAME_LINE.match(_title_case(line)) and not _has_cv_word(line):
            return _cv(_title_case(line), line)
    return None


def _strip_cv_suffix(line: str) -> str:
    return re.split(r"\s+[-–—|·]\s+|\s*[|·]\s*|,\s", line)[0].strip()


def _title_case(line: str) -> str:
    return line.title() if line.isupper() else line


def _has_cv_word(line: str) -> bool:
    return any(word.lower().strip(".:") in _CV_WORDS for word in line.split())


def find_background(cv: str) -> Sourced | None:
    """The CV's own summary paragraph, whole up to MAX_BACKGROUND_WORDS, never rewritten."""
    lines = document_lines(cv)
    summary = [
        line for line in lines if line.kind == "text" and _SUMMARY_HEADINGS.match(line.heading)
    ]
    chosen = _first_paragraph(summary) or _opening_paragraph(lines)
    if not chosen:
        return None
    text = _shortened(" ".join(line.text for line in chosen))
    return _cv(text, text)


def _first_paragraph(lines: list[Line]) -> list[Line]:
    if not lines:
        return []
    return [line for line in lines if line.paragraph == lines[0].paragraph]


def _opening_paragraph(lines: list[Line]) -> list[Line]:
    """Without a summary heading: the first prose paragraph of 12+ words before any section."""
    for line in lines:
        if line.heading and not _SUMMARY_HEADINGS.match(line.heading):
            return []
        if line.kind == "text" and len(line.text.split()) >= 12 and not _CONTACT.search(line.text):
            return [
                other
                for other in lines
                if other.kind == "text" and other.paragraph == line.paragraph
            ]
    return []


def _shortened(text: str) -> str:
    """Whole sentences up to MAX_BACKGROUND_WORDS, so the quote is still the CV's own words."""
    if len(text.split()) <= MAX_BACKGROUND_WORDS:
        return text
    kept: list[str] = []
    for _, sentence in split_text_sentences(text):
        if kept and len(" ".join([*kept, sentence]).split()) > MAX_BACKGROUND_WORDS:
            break
        kept.append(sentence)
    return " ".join(kept)


def split_text_sentences(text: str) -> list[tuple[int, str]]:
    from interviewer.grading.analysis import split_sentences

    return split_sentences(text)


def find_experiences(cv: str) -> tuple[Sourced, ...]:
    """Achievement lines, best first: the candidate's own action, a result, a figure."""
    scored = []
    for line in document_lines(cv):
        if (
            line.kind == "heading"
            or _SKIP_SECTIONS.search(line.heading)
            or _CONTACT.search(line.text)
        ):
            continue
        for _, sentence in _achievement_sentences(line):
            score = achievement_score(sentence)
            if score >= ACHIEVEMENT_FLOOR:
                scored.append((score, line.index, sentence))
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(_cv(text, text) for _, _, text in scored[:MAX_EXPERIENCES])


def _achievement_sentences(line: Line) -> list[tuple[int, str]]:
    if line.kind == "bullet":
        return [(0, line.text.strip())]
    return [(start, s) for start, s in split_text_sentences(line.text) if len(s.split()) >= 5]


ACHIEVEMENT_FLOOR = 4


def achievement_score(sentence: str) -> int:
    """3 for the candidate's own action, 2 for a result, 2 for a figure, 1 for more detail."""
    signals = sentence_signals(sentence)
    if not signals or is_heading(sentence):
        return 0
    own = _starts_with_action(sentence) or any(s.own_action for s in signals)
    outcomes = sum(s.outcomes for s in signals)
    numbers = sum(s.numbers for s in signals)
    specifics = sum(s.specifics for s in signals)
    return 3 * own + 2 * (outcomes > 0) + 2 * (numbers > 0) + (specifics > 2)


def _starts_with_action(sentence: str) -> bool:
    """CV lines drop the 'I': 'Led the move ...', 'Cut the bill ...'."""
    first = re.match(r"[A-Za-z]+", sentence.strip(" *_"))
    if not first:
        return False
    word = first.group(0)
    signals = sentence_signals(f"I {word.lower()} it.")
    return word[0].isupper() and bool(signals) and signals[0].own_action


def _cv(value: str, quote: str) -> Sourced:
    return Sourced(value=value, source="CV", quote=quote)


# --- the last check -------------------------------------------------------------------------


def grounded(draft: ProfileDraft, inputs: PrepInputs) -> ProfileDraft:
    """Drop any value whose quote is not in its input, and say how many went."""
    texts: dict[Source, str] = {s: normalize(inputs.text_of(s)) for s in ("job ad", "CV", "notes")}
    dropped = 0

    def keep(item: Sourced | None) -> Sourced | None:
        nonlocal dropped
        if item is None or (item.quote and normalize(item.quote) in texts[item.source]):
            return item
        dropped += 1
        return None

    singles = (
        "role",
        "company",
        "interviewer_name",
        "interviewer_title",
        "candidate_name",
        "background",
    )
    lists = ("focus_areas", "strengths", "concerns", "experiences")
    changes: dict = {name: keep(getattr(draft, name)) for name in singles}
    for name in lists:
        changes[name] = tuple(i for i in getattr(draft, name) if keep(i) is not None)
    notices = (
        (f"{dropped} drafted value(s) not found in your documents were dropped",) if dropped else ()
    )
    return ProfileDraft(**changes, notices=draft.notices + notices)
