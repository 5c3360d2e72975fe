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
from interviewer.prep.lines import Line, document_lines, is_heading, paragraphs
from interviewer.prep.round_one import round_one_findings, round_two_interviewer

MAX_EXPERIENCES = 10
MAX_BACKGROUND_WORDS = 90
_HEAD_LINES = 25  # the role and company are named near the top of an ad

_NOISE = re.compile(
    r"cookie|^(?:apply(?: now| for this job)?|easy apply|save(?: job)?|share(?: this job)?|"
    r"report(?: this)? job|sign in|log in|register|job alerts?|similar jobs|show (?:more|less)|"
    r"see more|back to (?:search|results)|posted\b.*|\d+\+? applicants|accept(?: all)?|"
    r"reject(?: all)?|manage (?:preferences|cookies)|privacy(?: policy)?|terms(?: of use)?|"
    r"skip to (?:main )?content|menu|home|jobs|careers|promoted|actively recruiting|"
    r"full[- ]time|part[- ]time|permanent|contract|remote|hybrid|on-?site|search jobs|"
    r"career advice|recruiters|job description|salary guide|companies)$",
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
_TITLE_SPLIT = re.compile(r"\s+(?:[-–—|·•>»]|at|@)\s+|\s*[|·•>»]\s*")
_ORG = r"(?P<org>[A-Z][\w&'’.-]*(?:\s+(?:[A-Z][\w&'’.-]*|&|of|and|de|du|von|the))*)"
_ABOUT = re.compile(r"^(?i:about|at|join|working at|life at)\s+" + _ORG + r"\s*:?\s*$")
_IS_A = re.compile(
    r"(?:^|(?<=[.!?]\s))" + _ORG + r"\s+(?:is|are)\s+(?:a|an|the|one of|Europe's|Britain's|"
    r"the UK's|[A-Z][a-z]+'s|proud|on a mission|hiring|looking|building|growing)\b",
    re.M,
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
    role = find_role(job) if job else None
    draft = ProfileDraft(
        role=role,
        company=find_company(job) if job else None,
        focus_areas=focus_areas(job, role=role.value if role else "") if job else (),
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
    """Buttons, banners, menus and pay: a line whose parts are mostly such words."""
    parts = [p.strip() for p in re.split(r"\s*[|·•>»]\s*", line) if p.strip()]
    noisy = sum(bool(_NOISE.search(p)) for p in parts)
    return (
        bool(_SALARY.search(line))
        or noisy == len(parts)
        or (len(parts) >= 3 and noisy * 2 >= len(parts))
    )


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
    """'Company:', else the best-supported name among the ad's head lines ('Acme Ltd - Leeds'),
    'About X', 'X is a ...' and 'Join X as ...': an organisation word (Ltd, Trust, Academy),
    the name's words coming back in the ad, and a line of its own near the title all count."""
    label = _labelled(job, ("company", "employer", "organisation", "organization"))
    if label:
        return _ad(label, label)
    scores: dict[str, float] = {}
    for name, bonus in _company_candidates(job):
        score = bonus + 3 * bool(_ORG_WORD.search(name)) + _support(name, job)
        score -= 2 * (len(name.split()) == 1 and bonus < 2)
        scores[name] = max(scores.get(name, 0.0), score) + 0.5 * (name in scores)
    if not scores:
        return None
    best = max(scores, key=lambda name: (scores[name], len(name)))
    return _ad(best, best) if scores[best] >= 2 else None


_ORG_WORD = re.compile(
    r"\b(?:ltd|limited|plc|inc|llc|llp|gmbh|trust|group|nhs|hospitals?|academy|school|college|"
    r"university|council|bank|solutions|analytics|partners|foundation|charity|company|holdings|"
    r"services|systems|technologies|labs|freight|fulfilment|logistics|packaging|health|care|"
    r"capital|media|studios?|consulting|associates|industries|manufacturing|retail|energy|"
    r"insurance|software|agency|clinic|society|institute|network|ventures)\b",
    re.I,
)


def _company_candidates(job: str) -> list[tuple[str, float]]:
    """(name, points for where it was found): head lines 1 (2 for a heading or bold line),
    'About X' / 'X is a' / 'Join X' 2."""
    found: list[tuple[str, float]] = []
    for raw in job.splitlines()[:_HEAD_LINES]:
        found += _head_line_names(raw)
    found += [(m.group("org"), 2.0) for line in ad_head(job) if (m := _ABOUT.match(line))]
    found += [(m.group("org"), 2.0) for m in _IS_A.finditer(job)]
    found += [(m.group("org"), 2.0) for m in _JOIN.finditer(job)]
    trimmed = [(_trim_org(name), points) for name, points in found]
    return [(n, p) for n, p in trimmed if n and n.split()[0].lower() not in _NOT_ORG]


def _head_line_names(raw: str) -> list[tuple[str, float]]:
    """Capitalised segments of a line near the top that name no job: 'Acme Ltd - Leeds'."""
    line = raw.strip()
    if not line or _is_noise(line.strip("#*_ ")):
        return []
    standing = 2.0 if re.match(r"^(?:#|\*\*|__)", line) else 1.0
    names = []
    for place, part in enumerate(_TITLE_SPLIT.split(line.strip("#*_ "))):
        part = re.sub(r"\s*\(.*?\)\s*$", "", part.strip(" *_:"))
        if _looks_like_org(part):
            names.append((part, standing - 0.5 * place))
    return names


def _looks_like_org(part: str) -> bool:
    words = part.split()
    if not words or len(words) > 7 or _ROLE_WORDS.search(part) or not part[0].isupper():
        return False
    small = {"of", "and", "&", "the", "de", "du", "von", "for"}
    return all(w[0].isupper() or w in small or w[0].isdigit() for w in words)


def _trim_org(name: str) -> str:
    words = name.split()
    while words and words[-1].lower() in {"of", "and", "&", "de", "du", "von", "the"}:
        words.pop()
    return " ".join(words[:6]).rstrip(".'’")


def _support(name: str, text: str) -> float:
    """How often the name's own words come back in the ad (at most 3): a brand is repeated."""
    words = [
        w for w in re.findall(r"[A-Za-z][\w'’-]+", name) if w.lower() not in {"of", "and", "the"}
    ]
    counts = [len(re.findall(rf"\b{re.escape(w)}\b", text)) - 1 for w in words]
    return min(max(counts, default=0), 3)


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
            return _cv(_without_letters_after(_title_case(line)), line)
    return None


def _is_post_nominal(word: str) -> bool:
    """'ACCA', 'CEng', 'MICE', 'PhD', 'MSc': short, two capitals or more, not 'McKay'."""
    word = word.strip(",.()")
    capitals = sum(ch.isupper() for ch in word)
    return (
        word.isalpha()
        and 2 <= len(word) <= 6
        and word[0].isupper()
        and capitals >= 2
        and not re.fullmatch(r"Ma?c[A-Z][a-z]+", word)
    )


def _without_letters_after(name: str) -> str:
    """'Daniel Mwangi CEng MICE' -> 'Daniel Mwangi': post-nominal letters are not the name."""
    words = name.split()
    while len(words) > 2 and _is_post_nominal(words[-1]):
        words.pop()
    return " ".join(words)


def _is_name_line(text: str) -> bool:
    """The CV's own name line ('Daniel Mwangi CEng MICE'), which no summary starts with."""
    line = _strip_cv_suffix(text.strip().strip("#*_ ").strip())
    return bool(line) and bool(_NAME_LINE.match(_title_case(line))) and not _has_cv_word(line)


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
    lines = [line for line in lines if not _CONTACT.search(line.text)]
    if not lines:
        return []
    return [line for line in lines if line.paragraph == lines[0].paragraph]


def _opening_paragraph(lines: list[Line]) -> list[Line]:
    """Without a summary heading: the first prose paragraph of 12+ words before any section."""
    first = lines[0] if lines else None
    name_heading = first.heading if first and _is_name_line(first.text) else ""
    for start, line in enumerate(lines):
        if (
            line.heading
            and line.heading != name_heading
            and not _SUMMARY_HEADINGS.match(line.heading)
        ):
            return []
        if line.kind == "text" and len(line.text.split()) >= 12 and not _CONTACT.search(line.text):
            return _run_of_text(lines, start)
    return []


def _run_of_text(lines: list[Line], start: int) -> list[Line]:
    """The paragraph from `start` up to the next heading or bullet (a PDF has no blank lines),
    beginning after the name and contact lines that sit above a summary without a gap."""
    run = [lines[start]]
    for line in lines[start + 1 :]:
        if line.kind != "text" or line.paragraph != run[0].paragraph:
            break
        run.append(line)
    return run


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
    """Achievement lines, best first: the candidate's own action, a result, a figure. Bullets
    when the CV has them; otherwise the sentences of its prose, outside the summary."""
    lines = [line for line in document_lines(cv) if _may_hold_achievements(line)]
    bullets = [line for line in lines if line.kind == "bullet"]
    pieces = [(line.index, line.text.strip()) for line in bullets] or _prose_pieces(lines)
    background = find_background(cv)
    summary = normalize(background.value) if background else ""
    pieces = [(i, text) for i, text in pieces if not (summary and normalize(text) in summary)]
    scored = [(achievement_score(text), index, text) for index, text in pieces]
    scored = [item for item in scored if item[0] >= ACHIEVEMENT_FLOOR]
    scored.sort(key=lambda item: (-item[0], item[1]))
    return tuple(_cv(text, text) for _, _, text in scored[:MAX_EXPERIENCES])


def _may_hold_achievements(line: Line) -> bool:
    return not (
        line.kind == "heading"
        or _SKIP_SECTIONS.search(line.heading)
        or _SUMMARY_HEADINGS.match(line.heading)
        or _CONTACT.search(line.text)
    )


def _prose_pieces(lines: list[Line]) -> list[tuple[int, str]]:
    """Sentences of each prose paragraph, read across its wrapped lines."""
    pieces = []
    for group in paragraphs(lines):
        for index, joined in _line_runs(group):
            pieces += [(index, s) for _, s in split_text_sentences(joined) if len(s.split()) >= 5]
    return pieces


def _line_runs(group: list[Line]) -> list[tuple[int, str]]:
    """A PDF loses bullet glyphs and blank lines: a line that opens with a capitalised verb
    ('Shortened ...') or follows a finished sentence starts a new achievement; any other line
    is the previous one wrapped."""
    runs: list[tuple[int, list[str]]] = []
    for line in group:
        text = line.text.strip()
        previous = runs[-1][1][-1] if runs else ""
        finished = previous.endswith((".", "!", "?")) and text[:1].isupper()
        fresh = not runs or _is_name_line(previous) or bool(_DATED.search(text)) or finished
        if fresh or _is_name_line(text) or (text[:1].isupper() and _starts_with_action(text)):
            runs.append((line.index, [text]))
        else:
            runs[-1][1].append(text)
    joined = [(index, " ".join(parts)) for index, parts in runs]
    return [(i, text) for i, text in joined if not (_is_name_line(text) or _DATED.search(text))]


_DATED = re.compile(  # a job's heading line: 'Finance Manager - Acme (2016 - 2020)'
    r"(?:19|20)\d\d\s*[-–—]\s*(?:(?:19|20)\d\d|present|now|current|date|$)", re.I
)


ACHIEVEMENT_FLOOR = 3  # the candidate's own action; a result or a figure ranks it higher


def achievement_score(sentence: str) -> int:
    """3 for the candidate's own action, 2 for a result, 2 for a figure, 1 for more detail."""
    signals = sentence_signals(sentence)
    if not signals or is_heading(sentence):
        return 0
    clauses = re.split(r"[;:]\s+", sentence)
    own = any(_starts_with_action(c) for c in clauses) or any(s.own_action for s in signals)
    outcomes = sum(s.outcomes for s in signals)
    numbers = sum(s.numbers for s in signals)
    specifics = sum(s.specifics for s in signals)
    return 3 * own + 2 * (outcomes > 0) + 2 * (numbers > 0) + (specifics > 2)


def _starts_with_action(sentence: str) -> bool:
    """CV lines drop the 'I': 'Led the move ...', 'Cut the bill ...'."""
    first = re.match(r"(?:[A-Z][a-z]+ly\s+)?([A-Za-z]+)", sentence.strip(" *_"))
    if not first:
        return False
    word = first.group(1)
    signals = sentence_signals(f"I {word.lower()} it.")
    return word[:1].isalpha() and bool(signals) and signals[0].own_action


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
