"""How the prep code's drafts and briefs agree with the hand-labelled prep cases.

Run: python benchmarks/prep.py            (per-case and overall figures)
     python benchmarks/prep.py --details  (also list every miss, invented fact and flagged ask)
     python benchmarks/prep.py --json     (machine-readable figures)

The cases, the labels and what a match means: tests/data/prep/README.md. Parts of the prep code
not written yet are reported as "not available yet"; the script still exits 0.
"""

import argparse
import json
import sys
from collections.abc import Callable
from dataclasses import asdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the labelled cases and their scoring live with the tests

from tests.prep_cases import load_asks, load_cases  # noqa: E402
from tests.prep_scoring import (  # noqa: E402
    CaseResult,
    PrepApi,
    boilerplate,
    brief_overall,
    evaluate,
    evaluate_brief_only,
    leave_one_out_accuracy,
    load_api,
    overall,
)


def _pct(value: float | None) -> str:
    return "  -  " if value is None else f"{value:5.0%}"


def _flag(value: bool | None) -> str:
    return "-" if value is None else ("y" if value else "N")


def print_availability(api: PrepApi) -> None:
    for name in ("draft_profile", "render_profile_toml", "build_brief"):
        print(f"{name:20} {'found' if getattr(api, name) else 'not available yet'}")


def print_asks() -> None:
    """How far the improper-ask flag used below can be trusted, and how the project's own
    inside-information detector reads the same questions."""
    asks = load_asks()
    tp, fp, fn, tn = leave_one_out_accuracy()
    print(f"\nasks.jsonl: {len(asks)} questions, {sum(a.improper for a in asks)} improper")
    print(
        f"  improper-ask flag, leave-one-out: {tp} of {tp + fn} improper flagged, "
        f"{fp} of {fp + tn} proper flagged (its markers were written from this set)"
    )
    try:
        from interviewer.grading.honesty import inside_information
    except ImportError:
        return
    hit = [bool(inside_information(a.text)) for a in asks]
    tp = sum(h and a.improper for h, a in zip(hit, asks, strict=True))
    fp = sum(h and not a.improper for h, a in zip(hit, asks, strict=True))
    print(
        f"  grading.honesty.inside_information on the questions: {tp} of "
        f"{sum(a.improper for a in asks)} improper caught, {fp} proper flagged"
    )


HEADER = (
    f"{'case':30} role co  name int title  focus-R focus-P  rho  top3  str-R str-P"
    f"  con-R con-P  exp-R  toml invented"
)


def row(r: CaseResult) -> str:
    f, s, c, e = r.focus, r.strengths, r.concerns, r.experiences
    get = lambda a, k: getattr(a, k) if a else None  # noqa: E731
    rho = get(f, "spearman")
    return (
        f"{r.case:30} {_flag(r.role):4} {_flag(r.company):3} {_flag(r.candidate):4} "
        f"{_flag(r.interviewer_name):3} {_flag(r.interviewer_title):5} "
        f"{_pct(get(f, 'recall'))}   {_pct(get(f, 'precision'))}  "
        f"{'  - ' if rho is None else f'{rho:+.1f}'} {_pct(get(f, 'top3'))} "
        f"{_pct(get(s, 'recall'))} {_pct(get(s, 'precision'))}  "
        f"{_pct(get(c, 'recall'))} {_pct(get(c, 'precision'))}  {_pct(get(e, 'recall'))}  "
        f"{_flag(r.toml_parses):4} {len(r.invented) + len(r.tempting)}"
    )


def print_overall(figures: dict, title: str = "overall") -> None:
    print(f"\n{title}")
    for key, value in figures.items():
        shown = f"{value:.2f}" if isinstance(value, float) else value
        print(f"  {key:38} {'-' if value is None else shown}")


def print_split(results: list[CaseResult], figures: Callable[[list[CaseResult]], dict]) -> None:
    """The same figures for the cases the code was tuned on and for the held-out ones."""
    held = {case.name for case in load_cases() if case.labels.get("held_out")}
    if not held:
        return
    for title, part in (
        (
            "tuned-on cases (the code's authors saw these labels)",
            [r for r in results if r.case not in held],
        ),
        ("held-out cases (unseen by the code's authors)", [r for r in results if r.case in held]),
    ):
        print_overall(figures(part), title)


def print_details(results: list[CaseResult]) -> None:
    cases = {case.name: case for case in load_cases()}
    for r in results:
        case = cases[r.case]
        print(f"\n== {r.case}")
        for part, labels in (
            ("focus", case.focus_areas),
            ("strengths", case.strengths),
            ("concerns", case.concerns),
            ("experiences", case.experiences),
        ):
            agreement = getattr(r, part)
            if agreement is None:
                continue
            missed = [lab.label for i, lab in enumerate(labels) if i not in agreement.matched]
            if missed:
                print(f"  {part} not found: {missed}")
        for label, items in (
            ("invented", r.invented),
            ("tempting facts claimed", r.tempting),
            ("ask lines reading as improper", r.improper_asks),
            ("errors", r.errors),
        ):
            if items:
                print(f"  {label}: {items}")
        if r.toml_error:
            print(f"  TOML: {r.toml_error}")


BRIEF_HEADER = (
    f"{'case':30} right missed wrong stretched rightly-missing  story-acc  gaps  "
    f"invented asks improper  dont-ask-reads-improper  why-you-[gaps]"
)


def brief_row(r: CaseResult) -> str:
    s = r.stories
    judged = sum(s.values())
    good = s.get("right", 0) + s.get("rightly-missing", 0)
    gaps = f"{r.gap_agreement[0]}/{r.gap_agreement[1]}" if r.gap_agreement else "-"
    dont = f"{r.do_not_ask_flagged[0]}/{r.do_not_ask_flagged[1]}" if r.do_not_ask_flagged else "-"
    return (
        f"{r.case:30} {s.get('right', 0):5} {s.get('missed', 0):6} {s.get('wrong', 0):5} "
        f"{s.get('stretched', 0):9} {s.get('rightly-missing', 0):15}  "
        f"{_pct(good / judged if judged else None):>9}  {gaps:>4}  "
        f"{len(r.invented) + len(r.tempting):8} {r.ask_lines:4} {len(r.improper_asks):8}  "
        f"{dont:>23}  {r.why_you_gaps if r.why_you_gaps is not None else '-':>14}"
    )


def run_brief_only(api: PrepApi, known: str) -> list[CaseResult]:
    results = []
    for case in load_cases():
        try:
            results.append(evaluate_brief_only(case, api.build_brief, known))
        except Exception as error:  # a crash on one case is a figure, not the end of the run
            results.append(CaseResult(case=case.name, errors=[f"{type(error).__name__}: {error}"]))
    return results


def print_brief_only(results: list[CaseResult], details: bool) -> None:
    print("\nbrief built from the labelled profile (the labels as a careful person's profile)")
    print(BRIEF_HEADER)
    for r in results:
        print(brief_row(r))
    print_overall(brief_overall(results))
    print_split(results, brief_overall)
    if not details:
        return
    for r in results:
        lines = [*r.story_misses, *(f"invented: {x}" for x in r.invented + r.tempting)]
        lines += [f"ask reading as improper: {x}" for x in r.improper_asks] + r.errors
        if lines:
            print(f"\n== {r.case} (brief from labels)")
            for line in lines:
                print(f"  {line}")


def run(api: PrepApi) -> list[CaseResult]:
    known = boilerplate(api)
    results = []
    for case in load_cases():
        try:
            results.append(evaluate(case, api, known))
        except Exception as error:  # a crash on one case is a figure, not the end of the run
            results.append(CaseResult(case=case.name, errors=[f"{type(error).__name__}: {error}"]))
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--details", action="store_true", help="list misses and flagged lines")
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    args = parser.parse_args(argv)
    api = load_api()
    results = run(api) if api.draft_profile else []
    brief_only = run_brief_only(api, boilerplate(api)) if api.build_brief else []
    if args.json:
        figures = {"cases": [asdict(r) for r in results], "overall": overall(results)}
        figures["brief_from_labels"] = {
            "cases": [asdict(r) for r in brief_only],
            "overall": brief_overall(brief_only),
        }
        print(json.dumps(figures, default=str))
        return 0
    print_availability(api)
    print_asks()
    if brief_only:
        print_brief_only(brief_only, args.details)
    if not api.draft_profile:
        print("\ndraft_profile: not available yet; no case figures")
        return 0
    print(f"\n{HEADER}")
    for r in results:
        print(row(r))
    print_overall(overall(results))
    print_split(results, overall)
    if args.details:
        print_details(results)
    return 0


if __name__ == "__main__":
    sys.exit(main())
