"""How specific the offline grader's suggestions are, on the labelled judgement set.

Run: python benchmarks/advice.py            (add --json for machine-readable figures)

A suggestion is *specific* when it quotes a sentence of this answer (five words or more, found in
it) or names this profile's focus area, round-one concern or strength. Stock lines show up as the
same text under many answers, so the share of distinct suggestions is printed too, overall and per
criterion, with the count of suggestions under a score of 4 or 5 (the rule says: none).
"""

import argparse
import json
import re
import sys
from collections import Counter, defaultdict
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the labelled set and its loader live with the tests

from interviewer.grading.offline import OfflineGrader  # noqa: E402
from tests.judgement_set import critique, load_items, profile_for  # noqa: E402

QUOTED = re.compile(r'"([^"]+?)(?:\.\.\.)?"')


def _specific(suggestion: str, answer: str, named: list[str]) -> bool:
    quotes = [q for q in QUOTED.findall(suggestion) if len(q.split()) >= 5 and q in answer]
    return bool(quotes) or any(n and n.lower() in suggestion.lower() for n in named)


def measure() -> dict:
    grader = OfflineGrader()
    per_criterion: dict[str, list[str]] = defaultdict(list)
    specific = under_high = answers = 0
    for item in load_items():
        answers += 1
        profile = profile_for(item)
        named = profile.focus_areas + profile.first_round.concerns + profile.first_round.strengths
        for result in critique(item, grader).criteria:
            if not result.suggestion:
                continue
            per_criterion[result.id].append(result.suggestion)
            specific += _specific(result.suggestion, item.answer, named)
            under_high += result.score is not None and result.score >= 4
    every = [s for texts in per_criterion.values() for s in texts]
    return {
        "answers": answers,
        "suggestions": len(every),
        "per_answer": round(len(every) / max(answers, 1), 2),
        "specific_share": round(specific / max(len(every), 1), 3),
        "distinct_share": round(len(set(every)) / max(len(every), 1), 3),
        "most_repeated": Counter(every).most_common(1)[0][1] if every else 0,
        "under_score_4_or_5": under_high,
        "per_criterion": {
            cid: {"suggestions": len(texts), "distinct": len(set(texts))}
            for cid, texts in sorted(per_criterion.items())
        },
    }


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--json", action="store_true")
    figures = measure()
    if parser.parse_args().json:
        print(json.dumps(figures, indent=2))
        return
    print(f"{figures['answers']} labelled answers, {figures['suggestions']} suggestions")
    print(f"  per answer             {figures['per_answer']}")
    print(f"  specific (quote/name)  {figures['specific_share']:.1%}")
    print(f"  distinct               {figures['distinct_share']:.1%}")
    print(f"  most repeated line     {figures['most_repeated']} times")
    print(f"  under a score of 4+    {figures['under_score_4_or_5']}")
    for cid, row in figures["per_criterion"].items():
        print(f"  {cid:<22} {row['suggestions']:>4} suggestions, {row['distinct']:>4} distinct")


if __name__ == "__main__":
    main()
