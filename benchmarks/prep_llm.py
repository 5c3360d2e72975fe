"""The prep brief's LLM path against a real model: what it wrote that passed the checks, what the
checks refused and why, and the invented facts left after checking (the target is 0).

Run: python -m tests.real_server.prepare     (once: llama-cpp-python and SmolLM2-135M)
     python benchmarks/prep_llm.py [--json] [--limit N]

Profiles: every examples/*.toml, and one per hand-labelled case in tests/data/prep built from its
labels (tests/prep_scoring.py labelled_profile). The checks that
count invented facts and improper asks here are the ones in tests/prep_scoring.py, written blind
by another hand from the labels, not the ones build_llm.py uses to decide what to keep.
"""

import argparse
import json
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from interviewer.llm.client import Endpoint, LLMClient  # noqa: E402
from interviewer.llm.window import window_for  # noqa: E402
from interviewer.prep.build import build_brief  # noqa: E402
from interviewer.prep.build_llm import PartOutcome, improved_brief  # noqa: E402
from interviewer.profile import (  # noqa: E402
    load_profile,  # noqa: E402
)
from tests.prep_cases import Case, load_cases  # noqa: E402
from tests.prep_scoring import (  # noqa: E402
    boilerplate,
    invented_facts,
    labelled_profile,
    load_api,
    looks_improper,
    tempting_facts_claimed,
)
from tests.real_server.server import start_server  # noqa: E402

TIMEOUT = 600.0  # seconds per request: a 2-core CPU writing up to 1,000 tokens


def profiles() -> list[tuple[str, object, Case | None]]:
    found = [(p.stem, load_profile(p), None) for p in sorted((ROOT / "examples").glob("*.toml"))]
    found += [(f"case:{c.name}", labelled_profile(c), c) for c in load_cases()]
    return found


def model_parts(brief, outcomes: list[PartOutcome]) -> dict[str, list[str]]:
    """The texts in the brief that the model wrote, by kind."""
    kept = {o.part for o in outcomes if o.kept}
    parts: dict[str, list[str]] = {"questions": [], "advice": [], "why_you": []}
    for focus in brief.focus:
        if f"questions for '{focus.area}'" in kept:
            parts["questions"] += list(focus.likely_questions)
    for story in brief.stories:
        if f"advice for '{story.target}'" in kept:
            parts["advice"].append(story.advice)
    if "why-you draft" in kept:
        parts["why_you"].append(brief.why_you)
    return parts


def kind_of(outcome: PartOutcome) -> str:
    return outcome.part.split(" ", 1)[0].replace("why-you", "why_you")


def reason_class(reason: str) -> str:
    """The check that refused a part, without the particulars."""
    for key in (
        "wrote none",
        "names '",
        "inside information",
        "two questions",
        "not a question",
        "words long",
        "claims '",
        "own voice",
        "markers",
        "grading",
    ):
        if key in reason:
            return key.strip(" '")
    return reason


def measure(server, limit: int | None) -> dict:
    endpoint = Endpoint(base_url=server.base_url, model=server.model, timeout=TIMEOUT)
    window = window_for(endpoint).tokens
    known_words = boilerplate(load_api())
    totals: Counter = Counter()
    reasons: Counter = Counter()
    rows = []
    for name, profile, case in profiles()[:limit]:
        offline = build_brief(profile)
        started = time.monotonic()
        with LLMClient(endpoint) as client:
            brief, outcomes = improved_brief(profile, offline, client, context_tokens=window)
        seconds = time.monotonic() - started
        parts = model_parts(brief, outcomes)
        texts = [t for kind in parts.values() for t in kind]
        known = "\n".join([json.dumps(profile.model_dump()), known_words])
        invented = invented_facts(texts, known)
        tempting = tempting_facts_claimed(texts, case) if case else []
        improper = [t for t in parts["advice"] + parts["why_you"] if looks_improper(t)]
        for outcome in outcomes:
            totals[(kind_of(outcome), outcome.kept)] += 1
            if not outcome.kept:
                reasons[reason_class(outcome.reason)] += 1
        totals["failed whole"] += not outcomes
        rows.append(
            {
                "profile": name,
                "seconds": round(seconds, 1),
                "kept": sum(o.kept for o in outcomes),
                "parts": len(outcomes),
                "whole_brief_fell_back": not outcomes,
                "notice": brief.notices[-1] if not outcomes and brief.notices else "",
                "invented_after_checking": invented,
                "tempting_facts_claimed": tempting,
                "improper_after_checking": improper,
                "model_texts": texts,
            }
        )
    return {
        "model": Path(server.model).name,
        "window": window,
        "rows": rows,
        "kept_by_kind": {
            kind: [totals[(kind, True)], totals[(kind, True)] + totals[(kind, False)]]
            for kind in ("questions", "advice", "why_you")
        },
        "refused_because": dict(reasons.most_common()),
        "whole_brief_fell_back": totals["failed whole"],
    }


def print_figures(figures: dict) -> None:
    print(f"model {figures['model']}, window {figures['window']} tokens")
    print(f"{'profile':32} {'kept':>9} {'invented':>9} {'tempting':>9} {'improper':>9} {'s':>6}")
    for row in figures["rows"]:
        kept = "fell back" if row["whole_brief_fell_back"] else f"{row['kept']}/{row['parts']}"
        print(
            f"{row['profile']:32} {kept:>9} {len(row['invented_after_checking']):>9} "
            f"{len(row['tempting_facts_claimed']):>9} {len(row['improper_after_checking']):>9} "
            f"{row['seconds']:>6}"
        )
    for kind, (kept, total) in figures["kept_by_kind"].items():
        print(f"model's {kind} kept: {kept} of {total}")
    print(f"whole brief fell back to offline: {figures['whole_brief_fell_back']}")
    print(f"parts refused, by check: {figures['refused_because']}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true", help="print the figures as JSON")
    parser.add_argument("--limit", type=int, help="only the first N profiles")
    args = parser.parse_args()
    server = start_server()
    try:
        figures = measure(server, args.limit)
    finally:
        server.stop()
    if args.json:
        print(json.dumps(figures, indent=2))
    else:
        print_figures(figures)


if __name__ == "__main__":
    main()
