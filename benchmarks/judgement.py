"""How far a grader agrees with the labelled judgement set, per criterion and per class.

Run: python benchmarks/judgement.py                      (the offline grader)
     python benchmarks/judgement.py --model M --base-url URL   (any OpenAI-compatible endpoint;
                                                          the key is read from OPENAI_API_KEY)
     add --json for machine-readable figures, --misses to list the items not handled.

The set and what each figure means: tests/data/judgement/README.md.
"""

import argparse
import json
import os
import sys
from collections import defaultdict
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass
from itertools import combinations
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the labelled set and its loader live with the tests

from interviewer.errors import InterviewerError  # noqa: E402
from interviewer.guidance import CRITERION_IDS  # noqa: E402
from tests.judgement_set import (  # noqa: E402
    CLASSES,
    REASON_WORDS,
    SPLITS,
    Expectation,
    Item,
    critique,
    load_items,
)

CLEARLY_APART = 1.5  # labelled midpoints this far apart make a pair whose order must be right


@dataclass(frozen=True)
class Outcome:
    """One item as graded, beside what was expected of that grader."""

    item: Item
    expected: Expectation
    verdict: str
    overall: float | None
    scores: dict[str, int | None]
    flags: tuple[str, ...]
    reason_named: bool
    failure: str | None = None  # the endpoint failed on this item; nothing was graded

    def check(self, name: str) -> bool:
        """One of the class checks listed in tests/judgement_set.CLASSES."""
        if name == "verdict":
            return self.verdict in self.expected.verdicts
        if name == "flags":
            raised = set(self.flags)
            return set(self.expected.flags) <= raised and not raised & set(
                self.expected.absent_flags
            )
        if name == "reason":
            return self.reason_named
        wanted = self.expected.criteria[name]
        return self.scores[name] is None if wanted is None else wanted.holds(self.scores[name])

    def handled(self, klass: str) -> bool:
        return all(self.check(name) for name in CLASSES[klass][1])


def grade_all(items: tuple[Item, ...], grader, jobs: int) -> list[Outcome]:
    """The first item fails loudly (a wrong endpoint should not cost a whole run); after that an
    endpoint failure on one item is recorded as that item ungraded, and the run goes on."""
    if not items:
        return []
    first = outcome_of(items[0], grader)
    with ThreadPoolExecutor(max_workers=jobs) as pool:
        return [first, *pool.map(lambda item: outcome_or_failure(item, grader), items[1:])]


def outcome_or_failure(item: Item, grader) -> Outcome:
    from interviewer.errors import EndpointError

    try:
        return outcome_of(item, grader)
    except EndpointError as error:
        return Outcome(
            item=item,
            expected=item.expectation_for(grader.backend),
            verdict="ungraded",
            overall=None,
            scores=dict.fromkeys(CRITERION_IDS),
            flags=(),
            reason_named=False,
            failure=str(error),
        )


def outcome_of(item: Item, grader) -> Outcome:
    result = critique(item, grader)
    prep = result.criterion("honest_preparation")
    said = f"{prep.comment} {prep.suggestion}".lower()
    return Outcome(
        item=item,
        expected=item.expectation_for(grader.backend),
        verdict=result.verdict,
        overall=result.overall,
        scores={c.id: c.score for c in result.criteria},
        flags=tuple(str(f) for f in result.flags),
        reason_named=any(word in said for word in REASON_WORDS),
    )


# --- figures -------------------------------------------------------------------------------------


def ranks(values: list[float]) -> list[float]:
    """Ranks from 1, ties sharing their mean rank."""
    order = sorted(range(len(values)), key=lambda i: values[i])
    result = [0.0] * len(values)
    start = 0
    while start < len(order):
        end = start
        while end + 1 < len(order) and values[order[end + 1]] == values[order[start]]:
            end += 1
        for position in range(start, end + 1):
            result[order[position]] = (start + end) / 2 + 1
        start = end + 1
    return result


def spearman(xs: list[float], ys: list[float]) -> float | None:
    """Spearman's rank correlation; None when either side has no spread."""
    if len(xs) < 3:
        return None
    rx, ry = ranks(xs), ranks(ys)
    mx, my = sum(rx) / len(rx), sum(ry) / len(ry)
    cov = sum((a - mx) * (b - my) for a, b in zip(rx, ry, strict=True))
    vx = sum((a - mx) ** 2 for a in rx)
    vy = sum((b - my) ** 2 for b in ry)
    return None if vx == 0 or vy == 0 else cov / (vx * vy) ** 0.5


def pairwise(labelled: list[tuple[float, float]]) -> tuple[float | None, int]:
    """Share of clearly different pairs (by label) that the scores put in the same order; ties
    count half. Returns the share and the number of pairs."""
    right, pairs = 0.0, 0
    for (la, sa), (lb, sb) in combinations(labelled, 2):
        if abs(la - lb) < CLEARLY_APART:
            continue
        pairs += 1
        if sa == sb:
            right += 0.5
        elif (sa > sb) == (la > lb):
            right += 1
    return (right / pairs if pairs else None), pairs


def agreement(cells: list[tuple[object, int | None]]) -> dict:
    """Exact, within one point and in range for (Range, score) cells; an unscored cell misses."""
    n = len(cells)
    if not n:
        return {"n": 0, "unscored": 0, "exact": None, "within_one": None, "in_range": None}
    scored = [(r, s) for r, s in cells if s is not None]
    exact = sum(abs(s - r.mid) <= 0.5 for r, s in scored)
    within = sum(r.low - 1 <= s <= r.high + 1 for r, s in scored)
    inside = sum(r.holds(s) for r, s in scored)
    return {
        "n": n,
        "unscored": n - len(scored),
        "exact": exact / n,
        "within_one": within / n,
        "in_range": inside / n,
    }


def criterion_figures(outcomes: list[Outcome], cid: str) -> dict:
    cells = [(o.expected.criteria[cid], o.scores[cid]) for o in outcomes]
    labelled = [(r, s) for r, s in cells if r is not None]
    both = [(r.mid, float(s)) for r, s in labelled if s is not None]
    figures = agreement(labelled)
    figures["spearman"] = spearman([m for m, _ in both], [s for _, s in both])
    figures["pairwise"], figures["pairs"] = pairwise(both)
    figures["scored_when_not_applicable"] = sum(r is None and s is not None for r, s in cells)
    return figures


def expected_overall(expected: Expectation) -> float | None:
    mids = [r.mid for r in expected.criteria.values() if r is not None]
    return sum(mids) / len(mids) if mids else None


def class_figures(outcomes: list[Outcome], klass: str) -> dict:
    members = [o for o in outcomes if klass in o.item.classes]
    cells = [(r, o.scores[cid]) for o in members for cid, r in o.expected.criteria.items() if r]
    figures = agreement(cells)
    figures["items"] = len(members)
    figures["handled"] = _share(members, lambda o: o.handled(klass))
    figures["verdict"] = _share(members, lambda o: o.check("verdict"))
    return figures


def overall_figures(outcomes: list[Outcome]) -> dict:
    both = [
        (expected_overall(o.expected), o.overall)
        for o in outcomes
        if o.overall is not None and expected_overall(o.expected) is not None
    ]
    pairs = [(e, float(s)) for e, s in both]
    share, count = pairwise(pairs)
    return {
        "items": len(outcomes),
        "verdict": _share(outcomes, lambda o: o.check("verdict")),
        "spearman_overall": spearman([e for e, _ in pairs], [s for _, s in pairs]),
        "pairwise_overall": share,
        "pairs_overall": count,
        "handled_all_classes": _share(
            outcomes, lambda o: all(o.handled(k) for k in o.item.classes)
        ),
        "endpoint_failures": sum(o.failure is not None for o in outcomes),
    }


def _share(outcomes: list[Outcome], test) -> float | None:
    return sum(1 for o in outcomes if test(o)) / len(outcomes) if outcomes else None


def report(outcomes: list[Outcome], grader_name: str) -> dict:
    return {
        "grader": grader_name,
        "overall": overall_figures(outcomes),
        "criteria": {cid: criterion_figures(outcomes, cid) for cid in CRITERION_IDS},
        "classes": {k: class_figures(outcomes, k) for k in CLASSES},
        "misses": misses(outcomes),
    }


def misses(outcomes: list[Outcome]) -> dict[str, list[str]]:
    """For each class, the items not handled and which checks failed."""
    found: dict[str, list[str]] = defaultdict(list)
    for o in outcomes:
        for klass in o.item.classes:
            failed = [name for name in CLASSES[klass][1] if not o.check(name)]
            if failed:
                found[klass].append(f"{o.item.id}: {', '.join(failed)} ({_seen(o, failed)})")
    return dict(found)


def _seen(o: Outcome, failed: list[str]) -> str:
    seen = []
    for name in failed:
        if name == "verdict":
            seen.append(f"verdict {o.verdict}, wanted {'/'.join(o.expected.verdicts)}")
        elif name == "flags":
            unwanted = f", never {list(o.expected.absent_flags)}" if o.expected.absent_flags else ""
            seen.append(f"flags {list(o.flags)}, wanted {list(o.expected.flags)}{unwanted}")
        elif name == "reason":
            seen.append("reason not named")
        else:
            want = o.expected.criteria[name]
            span = "null" if want is None else f"{want.low}-{want.high}"
            seen.append(f"{name} {o.scores[name]}, wanted {span}")
    return "; ".join(seen)


# --- printing ------------------------------------------------------------------------------------


def pct(value: float | None) -> str:
    return "   -" if value is None else f"{100 * value:3.0f}%"


def corr(value: float | None) -> str:
    return "    -" if value is None else f"{value:+.2f}"


def print_report(figures: dict, show_misses: bool) -> None:
    o = figures["overall"]
    failed = f"   endpoint failures: {o['endpoint_failures']}" if o["endpoint_failures"] else ""
    split = figures.get("split", "all")
    print(f"grader: {figures['grader']}   items: {o['items']} ({split}){failed}")
    print(
        f"verdict agreement {pct(o['verdict'])}   overall Spearman {corr(o['spearman_overall'])}"
        f"   overall pairwise {pct(o['pairwise_overall'])} of {o['pairs_overall']} pairs"
        f"   every class handled {pct(o['handled_all_classes'])}"
    )
    print(
        "\nper criterion            n  exact within1 inrange spearman pairwise  unscored n/a-scored"
    )
    for cid, f in figures["criteria"].items():
        print(
            f"  {cid:20} {f['n']:4} {pct(f['exact'])}   {pct(f['within_one'])}   {pct(f['in_range'])}"
            f"    {corr(f['spearman'])}     {pct(f['pairwise'])}  {f['unscored']:8} {f['scored_when_not_applicable']:10}"
        )
    print("\nper class             items handled verdict  exact within1 inrange")
    for klass, f in figures["classes"].items():
        if not f["items"]:
            continue
        print(
            f"  {klass:21} {f['items']:4}   {pct(f['handled'])}    {pct(f['verdict'])}"
            f"   {pct(f.get('exact'))}   {pct(f.get('within_one'))}   {pct(f.get('in_range'))}"
        )
    if show_misses:
        print("\nnot handled")
        for klass, lines in figures["misses"].items():
            print(f"  {klass}")
            for line in lines:
                print(f"    {line}")


# --- running -------------------------------------------------------------------------------------


def make_grader(args: argparse.Namespace):
    """The offline grader, or the LLM grader at the given endpoint (key from the environment)."""
    if not args.model:
        from interviewer.grading.offline import OfflineGrader

        return OfflineGrader(), "offline"
    from interviewer.grading.llm import LLMGrader
    from interviewer.llm.client import Endpoint, LLMClient

    endpoint = Endpoint(
        base_url=args.base_url,
        api_key=os.environ.get("OPENAI_API_KEY"),
        model=args.model,
        timeout=args.timeout,
    )
    return LLMGrader(LLMClient(endpoint), model=args.model), f"{args.model} at {endpoint.url}"


def parse_args(argv: list[str] | None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--model", help="grade with this model instead of the offline grader")
    parser.add_argument("--base-url", help="OpenAI-compatible endpoint (default: OpenAI)")
    parser.add_argument("--timeout", type=float, default=120.0, help="seconds per reply")
    parser.add_argument("--jobs", type=int, default=1, help="answers graded at once (LLM only)")
    parser.add_argument("--class", dest="only", help="grade only the items of this class")
    parser.add_argument(
        "--split",
        choices=SPLITS,
        help="only the dev items (tuned on) or the holdout (never tuned on)",
    )
    parser.add_argument(
        "--limit", type=int, help="grade at most this many items, spread evenly over the set"
    )
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--misses", action="store_true", help="list the items not handled")
    return parser.parse_args(argv)


def spread(items: tuple[Item, ...], count: int) -> tuple[Item, ...]:
    """Every k-th item, so a short run (a slow model) still covers every profile and class."""
    step = len(items) / count
    return tuple(items[int(i * step)] for i in range(count))


def main(argv: list[str] | None = None) -> int:
    args = parse_args(argv)
    items = load_items(args.split)
    if args.only:
        if args.only not in CLASSES:
            print(f"unknown class {args.only!r}; use one of {', '.join(CLASSES)}", file=sys.stderr)
            return 2
        items = tuple(i for i in items if args.only in i.classes)
    if args.limit and args.limit < len(items):
        items = spread(items, args.limit)
    grader, name = make_grader(args)
    try:
        outcomes = grade_all(items, grader, jobs=max(1, args.jobs) if args.model else 1)
    except InterviewerError as error:
        print(f"judgement benchmark: {error}", file=sys.stderr)
        return 3
    figures = report(outcomes, name)
    figures["split"] = args.split or "all"
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_report(figures, args.misses)
    return 0


if __name__ == "__main__":
    sys.exit(main())
