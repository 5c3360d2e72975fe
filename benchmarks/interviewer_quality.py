"""How well the executive listens, measured on simulated candidates with seeded flaws.

Run: python benchmarks/interviewer_quality.py [--seeds 6]
     python benchmarks/interviewer_quality.py --base-url http://127.0.0.1:8080/v1 --model NAME

The candidates (tests/data/simulated/*.toml) answer through the real interview engine; each
interview seeds one flaw in one answer (or none, for a strong candidate). The table says how many
seeded flaws the executive probed within two turns, how many strong answers it probed anyway, and
how often its lines repeat, contradict the answer, leak praise/plan/grades or ask two things at once.
"""

import argparse
import os
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the simulated candidates live with the tests

from tests.simulated_candidates import (  # noqa: E402
    SCENARIOS,
    Table,
    load_scripts,
    measure,
    run_interview,
)


def make_executive(args):
    if not args.base_url:
        from interviewer.executive.offline import OfflineExecutive

        return OfflineExecutive()
    from interviewer.backends import make_executive as configured
    from interviewer.settings import resolve_settings

    flags = {
        "base_url": args.base_url,
        "model": args.model,
        "api_key": os.environ.get("OPENAI_API_KEY"),
    }
    return configured(resolve_settings({k: v for k, v in flags.items() if v}))


def run_all(args) -> tuple[Table, list, dict, float]:
    from interviewer.grading.offline import OfflineGrader

    scripts = {s.name: s for s in load_scripts()[: args.profiles]}
    executive, grader = make_executive(args), OfflineGrader()
    runs, start = [], time.perf_counter()
    for script in scripts.values():
        for scenario in args.scenarios or SCENARIOS:
            for seed in range(args.seeds):
                runs.append(run_interview(script, scenario, seed, executive, grader))
    table = measure(runs, scripts)
    if not args.scenarios:
        table.same_in_both_registers = register_sameness(scripts, executive, grader, args.seeds)
    return table, runs, scripts, time.perf_counter() - start


def register_sameness(scripts: dict, executive, grader, seeds: int) -> str:
    """How many main questions read word for word the same to a formal and a relaxed candidate."""
    same = total = 0
    for script in scripts.values():
        for seed in range(seeds):
            worded = {}
            for tone in ("formal", "relaxed"):
                run = run_interview(script, "strong", seed, executive, grader, tone=tone)
                worded[tone] = [
                    e["text"].split(". ")[-1] for e in run.events if e["type"] == "question"
                ]
            pairs = list(zip(worded["formal"], worded["relaxed"], strict=False))
            same += sum(a == b for a, b in pairs)
            total += len(pairs)
    return share(same, total)


def share(part: int, whole: int) -> str:
    return f"{part}/{whole} ({100 * part / whole:.0f}%)" if whole else "n/a"


def print_table(table: Table, runs: list, scripts: dict, seconds: float, label: str) -> None:
    print(
        f"Executive: {label}; {table.interviews} interviews, {len(scripts)} profiles, {seconds:.1f}s"
    )
    print(f"  seeded flaws probed within two turns   {share(table.probed, table.seeded)}")
    for flaw, (seen, got) in sorted(table.by_flaw.items()):
        print(f"    {flaw:<22}               {share(got, seen)}")
    print(f"  strong answers probed (false alarms)   {share(table.false_alarms, table.strong)}")
    print(
        f"  contradiction probes naming both claims {share(table.contradictions_named, table.contradictions_seeded)}"
    )
    print(f"  verbatim repeated lines per interview  {table.verbatim / table.interviews:.2f}")
    print(f"  near-repeated lines per interview      {table.near / table.interviews:.2f}")
    print(f"  follow-ups contradicting the answer    {len(table.contradicting)}")
    print(f"  praise, plan or grade leaks            {len(table.leaked)}")
    print(f"  turns asking two questions             {len(table.doubled)}")
    print(f"  main questions worded alike in formal and relaxed {table.same_in_both_registers}")
    print(
        f"  relaxed lines after a shift            {share(table.after_shift_relaxed, table.after_shift)}"
    )
    distinct = len({text for _, _, text in table.main_questions})
    print(f"  distinct main questions                {share(distinct, len(table.main_questions))}")
    print(f"  distinct opening pairs across seeds    {opening_variety(runs)}")
    print(
        f"  replies that answer or admit not knowing {share(sum(map(plain_reply, table.replies)), len(table.replies))}"
    )
    for name, examples in (
        ("contradicting", table.contradicting),
        ("leaked", table.leaked),
        ("doubled", table.doubled),
    ):
        for text in sorted(set(examples))[:3]:
            print(f"    e.g. {name}: {text}")


def opening_variety(runs: list) -> str:
    """Per profile and scenario, how many different first-two-question pairs the seeds produced."""
    pairs: dict[tuple, set] = {}
    for run in runs:
        plan = next(e for e in run.events if e["type"] == "plan")["questions"]
        pairs.setdefault((run.script, run.scenario), set()).add(tuple(q["text"] for q in plan[:2]))
    seeds = max(1, len(runs) // max(1, len(pairs)))
    mean = sum(map(len, pairs.values())) / max(1, len(pairs))
    return f"{mean:.1f} of {seeds} seeds"


def plain_reply(text: str) -> bool:
    import re

    return bool(
        re.search(
            r"\b(don'?t know|do not know|not sure|can'?t (say|tell)|couldn'?t tell|"
            r"I'?d (need|have) to check|I don'?t have (the|that|a)|isn'?t something I)",
            text,
            re.I,
        )
    )


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=6)
    parser.add_argument("--base-url", help="an OpenAI-compatible endpoint for an LLM executive")
    parser.add_argument("--model", help="the model name at that endpoint")
    parser.add_argument("--profiles", type=int, help="only the first N profiles (a slow model)")
    parser.add_argument(
        "--scenarios", nargs="+", choices=SCENARIOS, help="only these scenarios (a slow model)"
    )
    args = parser.parse_args()
    os.fsync = lambda fd: None  # the harness measures the dialogue, not the disk
    with tempfile.TemporaryDirectory(prefix="interviewer-bench-") as home:
        os.environ["INTERVIEWER_HOME"] = home
        os.environ.setdefault("INTERVIEWER_TOKENIZER", "estimate")
        table, runs, scripts, seconds = run_all(args)
    label = f"LLM {args.model} at {args.base_url}" if args.base_url else "offline"
    print_table(table, runs, scripts, seconds, label)


if __name__ == "__main__":
    main()
