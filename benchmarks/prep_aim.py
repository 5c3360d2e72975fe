"""`practice --from-prep`, measured on simulated candidates with seeded weak points.

Run: python benchmarks/prep_aim.py [--seeds 10]

For each simulated candidate (tests/data/simulated/*.toml) the offline prep brief of its profile
names its weakest points. The first figure is the share of the (up to three) weakest points that
the first three planned questions test, with and without --from-prep. Then whole --from-prep
interviews run offline with every other weak point seeded really weak (a thin answer, nothing more
when pressed) and the rest answered from the candidate's own story; the report's "still thin" /
"ready" for each aimed point is compared with what was seeded.
"""

import argparse
import collections
import os
import sys
import tempfile
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the simulated candidates live with the tests

from tests.prep_simulation import (  # noqa: E402
    THIN_WAYS,
    Verdicts,
    first_questions_share,
    seeded_interview,
    share_profiles,
)
from tests.simulated_candidates import load_scripts  # noqa: E402


def share(profiles, seeds: int, aimed: bool) -> tuple[int, int]:
    pairs = [first_questions_share(p, seed, aimed) for p in profiles for seed in range(seeds)]
    return sum(hit for hit, _ in pairs), sum(wanted for _, wanted in pairs)


def percent(pair: tuple[int, int]) -> str:
    got, total = pair
    return f"{got} / {total} ({100 * got / total:.0f}%)" if total else "-"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeds", type=int, default=10)
    args = parser.parse_args()
    os.environ["INTERVIEWER_HOME"] = tempfile.mkdtemp(prefix="prep-aim-")
    os.fsync = lambda fd: None  # measures the interviews, not the disk
    scripts = load_scripts()
    named = share_profiles()
    groups = (
        ("simulated candidates", [p for _, p in named[: len(scripts)]]),
        ("labelled prep cases", [p for _, p in named[len(scripts) :]]),
    )
    for label, profiles in groups:
        print(f"{label}: {len(profiles)} profiles x {args.seeds} seeds")
        for aimed, how in ((False, "plain plan"), (True, "--from-prep")):
            figure = percent(share(profiles, args.seeds, aimed))
            print(f"  weakest points tested in the first 3 questions, {how}: {figure}")
    print(f"seeded interviews: {len(scripts)} simulated candidates x {args.seeds} seeds")
    verdicts = Verdicts()
    for script in scripts:
        for seed in range(args.seeds):
            seeded_interview(script, seed, verdicts)
    print(f"seeded weak, reported still thin: {percent(verdicts.agreeing('weak'))}")
    for way in THIN_WAYS:
        print(f"  weak by {way}: {percent(verdicts.agreeing('weak', way=way))}")
    print(f"seeded strong, reported ready: {percent(verdicts.agreeing('strong'))}")
    wrong = [r for r in verdicts.rows if r.seeded == "strong" and r.said != "ready"]
    for (profile, target, why), count in collections.Counter(
        (r.profile, r.target, r.why or r.said) for r in wrong
    ).most_common():
        print(f"  strong but {why}: {profile} / {target} ({count})")


if __name__ == "__main__":
    main()
