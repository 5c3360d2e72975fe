"""Scoring the prep code against the hand labels: one home for what counts as a match.

benchmarks/prep.py prints these figures and tests/test_prep_labelled.py holds floors under them,
so both must judge a drafted profile and a brief the same way. Nothing here knows how the prep
code works: it sees only the public results (ProfileDraft, the rendered TOML, the Brief).
"""

import json
import re
from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from functools import cache
from statistics import mean

from tests.prep_cases import Ask, Case, Labelled, load_asks, load_cases, normalize

_NUMBER = re.compile(r"(?<![\w.])\d[\d,]*(?:\.\d+)?")
_CAPITAL_RUN = re.compile(r"[A-Z][\w&'’-]*(?:[ \t]+(?:[A-Z][\w&'’-]*|of|and|&))*")
_SENTENCE_START = re.compile(r"(?:^|[.!?:;\n\[(\"“'‘•*#>|=-]|\d\.)\s*$")
_WORD = re.compile(r"[a-z][a-z'-]+")
_STOP = frozenset(
    "a an and are as at be but by can could do does for from had has have how i if in is it its "
    "me my of on or so that the their them there they this to was we were what when where which "
    "who will with would you your i'd i'm i've it's just any".split()
)


# ---- matching extracted text to labels -------------------------------------------------------


def name_matches(label: str | None, found: str | None) -> bool:
    """A name or title is right when it holds every word of the label and little else."""
    if not label or not found:
        return False
    want, got = _WORD.findall(normalize(label)), _WORD.findall(normalize(found))
    return all(w in got for w in want) and len(got) <= 2 * len(want) + 3


def assign(labels: Sequence[Labelled], found: Sequence[str]) -> dict[int, int]:
    """One-to-one matching of labels to extracted items (label index -> item index).

    An extracted item can be credited to one label only, so one long item that names everything
    cannot score as many; earlier (higher-ranked) labels and items are preferred.
    """
    pairs: dict[int, int] = {}  # item -> label

    def place(label: int, seen: set[int]) -> bool:
        for item, text in enumerate(found):
            if item in seen or not labels[label].named_by(text):
                continue
            seen.add(item)
            if item not in pairs or place(pairs[item], seen):
                pairs[item] = label
                return True
        return False

    for label in range(len(labels)):
        place(label, set())
    return {label: item for item, label in pairs.items()}


@dataclass(frozen=True)
class Agreement:
    """How a ranked list of extracted items agrees with a ranked list of labels."""

    labels: int
    found: int
    recall: float | None  # labels matched within the first N items, N = number of labels
    precision: float | None  # items (all of them) that match some label
    spearman: float | None  # rank agreement over the matched labels, when 3+ are matched
    top3: float | None  # labels ranked 1-3 matched by items ranked 1-3
    matched: dict[int, int] = field(default_factory=dict)


def agreement(labels: Sequence[Labelled], found: Sequence[str]) -> Agreement:
    n = len(labels)
    matched = assign(labels, found)
    within = assign(labels, found[:n])
    named = sum(1 for text in found if any(label.named_by(text) for label in labels))
    top = assign(labels[:3], found[:3])
    return Agreement(
        labels=n,
        found=len(found),
        recall=len(within) / n if n else None,
        precision=named / len(found) if found else None,
        spearman=spearman(matched),
        top3=len(top) / min(3, n) if n else None,
        matched=matched,
    )


def spearman(matched: dict[int, int]) -> float | None:
    """Spearman's rho between label ranks and the ranks of the items matched to them."""
    if len(matched) < 3:
        return None
    order = sorted(matched)
    label_rank = {label: r for r, label in enumerate(order)}
    item_rank = {label: r for r, label in enumerate(sorted(order, key=matched.__getitem__))}
    n = len(order)
    d2 = sum((label_rank[x] - item_rank[x]) ** 2 for x in order)
    return 1 - 6 * d2 / (n * (n * n - 1))


# ---- facts the outputs claim that the inputs do not hold --------------------------------------


def _numbers(text: str) -> set[str]:
    return {n.replace(",", "") for n in _NUMBER.findall(text)}


def capitalised_names(text: str) -> list[str]:
    """Runs of capitalised words that do not start a sentence, line or list item."""
    names = []
    for match in _CAPITAL_RUN.finditer(text):
        before = text[: match.start()]
        if before and before[-1].isalnum():
            continue  # inside a word such as "McAllister"
        words = match.group().split()
        if _SENTENCE_START.search(before[-12:] if before else ""):
            words = words[1:]  # the first word is capitalised because it starts a sentence
        name = re.sub(r"['’]s$", "", " ".join(words).strip(" &"))  # "Kane's" names Kane
        if len(name) > 1 and not name.isdigit():
            names.append(re.sub(r"\s+(?:of|and|&)$", "", name))
    return names


def invented_facts(outputs: Iterable[str], known: str) -> list[str]:
    """Numbers and capitalised names in the outputs that occur nowhere in the known text."""
    known_norm, known_numbers = normalize(known), _numbers(known)
    invented: list[str] = []
    for text in outputs:
        invented += [n for n in sorted(_numbers(text)) if n not in known_numbers]
        for name in capitalised_names(text):
            words = [w for w in name.split() if w not in {"of", "and", "&"}]
            if any(
                not re.search(rf"(?<!\w){re.escape(normalize(w))}(?!\w)", known_norm) for w in words
            ):
                invented.append(name)
    return list(dict.fromkeys(invented))


def _says(text: str, phrase: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(normalize(phrase))}(?!\w)", normalize(text)) is not None


def tempting_facts_claimed(outputs: Iterable[str], case: Case, boilerplate: str = "") -> list[str]:
    """The case's not_in_inputs items that an output states anyway (fixed wording aside)."""
    text = "\n".join(outputs)
    tempting = case.labels.get("not_in_inputs", [])
    return [t for t in tempting if _says(text, t) and not _says(boilerplate, t)]


# ---- asks: does a line read like angling for inside information? -----------------------------

# What the improper asks in tests/data/prep/asks.jsonl have in common, written from their labels.
_IMPROPER_MARKERS = re.compile(
    r"questions? (?:in advance|beforehand|ahead|they(?:'re| are) planning)|"
    r"\b(?:other|another) (?:candidates?|finalists?|presentations?|person)\b|"
    r"\b(?:shortlist|scoring|marking guide|model answers|cut-off|weightings?)\b|"
    r"\binternal candidate\b.{0,40}\b(?:who|which|how strong)|which one is the internal|"
    r"\b(?:not|hasn't|haven't) (?:been |yet )?announced\b|off the record|just between us|"
    r"\b(?:put in|have) a (?:good|quiet) word\b|on my behalf|\bforward(?:ing)? me\b|"
    r"\b(?:internal|board) (?:paper|report|audit|self-evaluation|document)|roadmap doc|"
    r"\b(?:privately|quietly|pushed out|earmarked)\b|what (?:are they|is he|is she) paying|"
    r"\bup against\b|\bwho else is (?:in|on)\b|\b(?:asked|saw) the (?:other )?candidates|"
    r"\b(?:let me|could i|way i could) (?:see|have a look|look)\b|\b(?:grab|send|get|forward) me a copy\b|\baccess to\b|"
    r"\b(?:interview|panel(?:'s)?) notes\b|\baccording to the\b|\bwhich answers\b|"
    r"\brunning order\b|\bthe most .{0,30}\bpay\b|\bthinking of leaving\b|"
    r"\bdetails of the .{0,30}\bincident\b|\bwhich (?:trustee|director|manager|member) is\b",
    re.I,
)


def _content_words(text: str) -> set[str]:
    return {w for w in _WORD.findall(normalize(text)) if w not in _STOP}


def nearest_ask(text: str, asks: Sequence[Ask]) -> tuple[float, Ask | None]:
    """The labelled ask sharing most content words with the text (Jaccard), and how many."""
    words = _content_words(text)
    best: tuple[float, Ask | None] = (0.0, None)
    for ask in asks:
        theirs = _content_words(ask.text)
        union = words | theirs
        score = len(words & theirs) / len(union) if union else 0.0
        if score > best[0]:
            best = (score, ask)
    return best


def looks_improper(text: str, asks: Sequence[Ask] | None = None) -> bool:
    """By the labels' notion: a marker of angling, or closest to an ask labelled improper."""
    if _IMPROPER_MARKERS.search(text):
        return True
    score, ask = nearest_ask(text, load_asks() if asks is None else asks)
    return ask is not None and ask.improper and score >= 0.35


def leave_one_out_accuracy() -> tuple[int, int, int, int]:
    """How well looks_improper reproduces each ask's label without that ask: tp, fp, fn, tn."""
    asks = load_asks()
    tp = fp = fn = tn = 0
    for i, ask in enumerate(asks):
        flagged = looks_improper(ask.text, asks[:i] + asks[i + 1 :])
        tp += flagged and ask.improper
        fp += flagged and not ask.improper
        fn += not flagged and ask.improper
        tn += not flagged and not ask.improper
    return tp, fp, fn, tn


def brief_strings(brief_dict: object) -> list[str]:
    """Every string a brief shows, found by walking its to_dict() (the engine name aside)."""
    if isinstance(brief_dict, str):
        return [brief_dict]
    if isinstance(brief_dict, dict):
        items = [v for k, v in brief_dict.items() if k not in {"engine", "kind", "readiness"}]
        return [s for v in items for s in brief_strings(v)]
    if isinstance(brief_dict, list | tuple):
        return [s for v in brief_dict for s in brief_strings(v)]
    return []


# ---- one case, end to end ---------------------------------------------------------------------


@dataclass
class CaseResult:
    """Every figure for one case; None where that part of the prep code is not there yet."""

    case: str
    role: bool | None = None
    company: bool | None = None
    candidate: bool | None = None
    interviewer_name: bool | None = None  # None also when the notes name nobody
    interviewer_title: bool | None = None
    focus: Agreement | None = None
    strengths: Agreement | None = None
    concerns: Agreement | None = None
    invented_round_one: int = 0  # strengths + concerns drafted for a case with no notes
    experiences: Agreement | None = None
    gap_agreement: tuple[int, int] | None = None  # brief stories whose lacks match the labels
    toml_parses: bool | None = None
    toml_error: str = ""
    invented: list[str] = field(default_factory=list)
    tempting: list[str] = field(default_factory=list)
    brief_concern_stories: int | None = None
    improper_asks: list[str] = field(default_factory=list)
    ask_lines: int = 0
    do_not_ask_flagged: tuple[int, int] | None = None  # (look improper, all): they should
    brief_focus: int | None = None  # focus areas the brief prepares
    readiness: dict[str, int] = field(default_factory=dict)  # stories: ready / thin / missing
    why_you_gaps: int | None = None  # [bracketed] gaps left in the why-you draft
    interviewer_tone: bool | None = None  # the profile's tone is the labelled one
    stories: dict[str, int] = field(default_factory=dict)  # story choices judged by `answers`
    story_misses: list[str] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)


@dataclass(frozen=True)
class PrepApi:
    """The public prep functions under test; None for any not written yet."""

    draft_profile: object = None
    render_profile_toml: object = None
    build_brief: object = None


def load_api() -> PrepApi:
    found = {}
    for module, name in (
        ("interviewer.prep.extract", "draft_profile"),
        ("interviewer.prep.profile_toml", "render_profile_toml"),
        ("interviewer.prep.build", "build_brief"),
    ):
        try:
            found[name] = getattr(__import__(module, fromlist=[name]), name)
        except (ImportError, AttributeError):
            found[name] = None
    return PrepApi(**found)


def boilerplate(api: PrepApi) -> str:
    """What the tool says whatever the inputs: prompt files and the outputs for empty inputs."""
    from interviewer import templates
    from interviewer.prep.draft import ProfileDraft
    from interviewer.profile import Profile

    parts = [
        p.read_text(encoding="utf-8") for p in templates.prompts_dir().rglob("*") if p.is_file()
    ]
    if api.render_profile_toml:
        parts.append(api.render_profile_toml(ProfileDraft(), todo=True))
    if api.build_brief:
        parts += brief_strings(api.build_brief(Profile()).to_dict())
    return "\n".join(parts)


def _value(sourced: object) -> str | None:
    return getattr(sourced, "value", None)


def score_draft(case: Case, draft: object, result: CaseResult) -> None:
    labels = case.labels
    result.role = name_matches(labels["role"], _value(draft.role))
    company = _value(draft.company)
    noise = labels.get("not_the_company", [])
    names = [labels["company"], *labels.get("company_also", [])]
    result.company = any(name_matches(n, company) for n in names) and not any(
        normalize(n) in normalize(company or "") for n in noise
    )
    result.candidate = name_matches(labels["candidate_name"], _value(draft.candidate_name))
    if "interviewer_name" in labels:
        result.interviewer_name = name_matches(
            labels["interviewer_name"], _value(draft.interviewer_name)
        )
        result.interviewer_title = name_matches(
            labels["interviewer_title"], _value(draft.interviewer_title)
        )
    values = lambda items: [s.value for s in items]  # noqa: E731
    result.focus = agreement(case.focus_areas, values(draft.focus_areas))
    result.experiences = agreement(case.experiences, values(draft.experiences))
    if case.notes is None:
        result.invented_round_one = len(draft.strengths) + len(draft.concerns)
    else:
        result.strengths = agreement(case.strengths, values(draft.strengths))
        result.concerns = agreement(case.concerns, values(draft.concerns))


def score_brief(case: Case, brief: object, result: CaseResult) -> list[str]:
    data = brief.to_dict()
    asks = [*brief.ask_hr, *brief.ask_contacts]
    result.ask_lines = len(asks)
    result.improper_asks = [line for line in asks if looks_improper(line)]
    dont = [line for line in brief.do_not_ask if looks_improper(line)]
    result.do_not_ask_flagged = (len(dont), len(brief.do_not_ask))
    result.brief_concern_stories = sum(1 for s in brief.stories if s.kind == "concern")
    result.brief_focus = len(brief.focus)
    for story in brief.stories:
        result.readiness[story.readiness] = result.readiness.get(story.readiness, 0) + 1
    result.why_you_gaps = len(re.findall(r"\[[^\]]+\]", brief.why_you))
    agree = total = 0
    for story in brief.stories:
        label = next(
            (e for e in case.experiences if story.experience and e.named_by(story.experience)), None
        )
        if label is not None:
            total += 1
            agree += (("figure" in story.lacks) != label.has_figure) and (
                ("result" in story.lacks) != label.has_result
            )
    result.gap_agreement = (agree, total)
    return brief_strings(data)


def _cv_line(case: Case, quote: str) -> str:
    """The whole CV line an experience quote sits in, without its bullet."""
    for line in case.cv.splitlines():
        if normalize(quote) in normalize(line):
            return line.strip().lstrip("-*•").strip()
    return quote


def labelled_profile(case: Case) -> object:
    """The profile a careful person would write from this case: the labels, in profile form."""
    from interviewer.profile import Candidate, FirstRound, InterviewerPersona, Profile

    labels = case.labels
    return Profile(
        role=labels["role"],
        company=labels["company"],
        focus_areas=[item.label for item in case.focus_areas],
        interviewer=InterviewerPersona(
            name=labels.get("interviewer_name"),
            title=labels.get("interviewer_title"),
            tone=labels.get("interviewer_tone"),
        ),
        first_round=FirstRound(
            strengths=[item.label for item in case.strengths],
            concerns=[item.label for item in case.concerns],
        ),
        candidate=Candidate(
            name=labels["candidate_name"],
            experiences=[_cv_line(case, item.quote) for item in case.experiences],
        ),
    )


def judge_story(case: Case, target: str, experience: str | None) -> str:
    """right / missed / wrong / stretched / rightly-missing, by the experiences' `answers`."""
    answering = [e for e in case.experiences if target in e.answers]
    chosen = next(
        (e for e in case.experiences if experience and normalize(e.quote) in normalize(experience)),
        None,
    )
    if experience is None:
        return "missed" if answering else "rightly-missing"
    if chosen in answering:
        return "right"
    return "wrong" if answering else "stretched"


def score_stories(case: Case, brief: object, result: CaseResult) -> None:
    """How well the brief picked each target's story, the targets being the labels themselves."""
    for story in brief.stories:
        verdict = judge_story(case, story.target, story.experience)
        result.stories[verdict] = result.stories.get(verdict, 0) + 1
        if verdict in ("missed", "wrong", "stretched"):
            result.story_misses.append(f"{verdict}: {story.target} -> {story.experience}")


def evaluate_brief_only(case: Case, build_brief: object, known_boilerplate: str) -> CaseResult:
    """The brief alone, built from the labelled profile, so its errors are not the draft's."""
    result = CaseResult(case=case.name)
    profile = labelled_profile(case)
    brief = build_brief(profile)
    outputs = score_brief(case, brief, result)
    score_stories(case, brief, result)
    written = json.dumps(profile.model_dump(), ensure_ascii=False)
    known = "\n".join([case.inputs_text, written, known_boilerplate])
    result.invented = invented_facts(outputs, known)
    result.tempting = tempting_facts_claimed(outputs, case, known_boilerplate)
    return result


def evaluate(case: Case, api: PrepApi, known_boilerplate: str) -> CaseResult:
    """Run whatever prep code exists on one case and score it against the labels."""
    from interviewer.errors import InterviewerError
    from interviewer.prep.draft import PrepInputs
    from interviewer.profile import parse_profile

    result = CaseResult(case=case.name)
    if api.draft_profile is None:
        return result
    notes = (case.notes,) if case.notes else ()
    draft = api.draft_profile(PrepInputs(job=case.job, cv=case.cv, notes=notes))
    score_draft(case, draft, result)
    outputs: list[str] = []
    profile = None
    if api.render_profile_toml is not None:
        text = api.render_profile_toml(draft, todo=True)
        outputs.append(text)
        try:
            profile = parse_profile(text, source=case.name)
            result.toml_parses = True
            if "interviewer_tone" in case.labels:
                result.interviewer_tone = (
                    profile.interviewer.tone == case.labels["interviewer_tone"]
                )
        except InterviewerError as error:
            result.toml_parses, result.toml_error = False, str(error)
    if api.build_brief is not None and profile is not None:
        outputs += score_brief(case, api.build_brief(profile), result)
    known = case.inputs_text + "\n" + known_boilerplate
    result.invented = invented_facts(outputs, known)
    result.tempting = tempting_facts_claimed(outputs, case, known_boilerplate)
    return result


# ---- overall figures -------------------------------------------------------------------------


def _avg(values: list[float | None]) -> float | None:
    present = [v for v in values if v is not None]
    return mean(present) if present else None


@cache
def _without_notes() -> frozenset[str]:
    return frozenset(case.name for case in load_cases() if case.notes is None)


def overall(results: list[CaseResult]) -> dict:
    def share(key: str) -> float | None:
        marks = [getattr(r, key) for r in results if getattr(r, key) is not None]
        return sum(marks) / len(marks) if marks else None

    def avg(part: str, key: str) -> float | None:
        return _avg([getattr(getattr(r, part), key) for r in results if getattr(r, part)])

    gaps = [r.gap_agreement for r in results if r.gap_agreement]
    dont = [r.do_not_ask_flagged for r in results if r.do_not_ask_flagged]
    return {
        "role": share("role"),
        "company": share("company"),
        "candidate_name": share("candidate"),
        "interviewer_name": share("interviewer_name"),
        "interviewer_title": share("interviewer_title"),
        "focus_recall": avg("focus", "recall"),
        "focus_precision": avg("focus", "precision"),
        "focus_spearman": avg("focus", "spearman"),
        "focus_top3": avg("focus", "top3"),
        "strengths_recall": avg("strengths", "recall"),
        "strengths_precision": avg("strengths", "precision"),
        "concerns_recall": avg("concerns", "recall"),
        "concerns_precision": avg("concerns", "precision"),
        "experiences_recall": avg("experiences", "recall"),
        "invented_round_one_without_notes": sum(r.invented_round_one for r in results),
        "brief_concern_stories_without_notes": sum(
            r.brief_concern_stories or 0 for r in results if r.case in _without_notes()
        ),
        "toml_parses": share("toml_parses"),
        "invented_facts": sum(len(r.invented) for r in results),
        "tempting_facts_claimed": sum(len(r.tempting) for r in results),
        "improper_ask_lines": sum(len(r.improper_asks) for r in results),
        "ask_lines": sum(r.ask_lines for r in results),
        "gap_agreement": (sum(a for a, _ in gaps), sum(t for _, t in gaps)) if gaps else None,
        "do_not_ask_reading_as_improper": (
            (sum(a for a, _ in dont), sum(t for _, t in dont)) if dont else None
        ),
    }


def brief_overall(results: list[CaseResult]) -> dict:
    total: dict[str, int] = {}
    for r in results:
        for verdict, count in r.stories.items():
            total[verdict] = total.get(verdict, 0) + count
    judged = sum(total.values())
    gaps = [r.gap_agreement for r in results if r.gap_agreement]
    return {
        "stories": total,
        "story_accuracy": (total.get("right", 0) + total.get("rightly-missing", 0)) / judged
        if judged
        else None,
        "gap_agreement": (sum(a for a, _ in gaps), sum(t for _, t in gaps)),
        "invented_facts": sum(len(r.invented) + len(r.tempting) for r in results),
        "improper_ask_lines": sum(len(r.improper_asks) for r in results),
        "ask_lines": sum(r.ask_lines for r in results),
        "concern_stories_without_notes": sum(
            r.brief_concern_stories or 0 for r in results if r.case in _without_notes()
        ),
    }
