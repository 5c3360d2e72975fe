"""How long `interviewer --help` and one offline critique take in a fresh process.

The CLI imports its heavy modules inside commands so that help is instant; this measures what
that buys, against a bare interpreter start. Run: python benchmarks/startup.py
"""

import os
import statistics
import subprocess
import sys
import tempfile
import time

WARMUPS = 2
HELP_RUNS = 15
CRITIQUE_RUNS = 5
QUESTION = "Why should we pick you rather than the other finalists?"
ANSWER = "At Acme I cut costs by 20% in 2023 by renegotiating vendor contracts myself."

BARE = [sys.executable, "-c", "pass"]
HELP = [sys.executable, "-m", "interviewer", "--help"]
CRITIQUE = [sys.executable, "-m", "interviewer", "critique", "--offline", "-q", QUESTION]
CRITIQUE += ["-a", ANSWER, "--format", "json"]


def wall_ms(command: list[str], env: dict[str, str]) -> float:
    """Milliseconds from spawning the process to its exit."""
    start = time.perf_counter()
    subprocess.run(command, env=env, check=True, stdout=subprocess.DEVNULL)
    return (time.perf_counter() - start) * 1000


def median_ms(command: list[str], env: dict[str, str], *, runs: int) -> float:
    """The median of `runs` timings, after warm-ups that fill the OS file cache."""
    for _ in range(WARMUPS):
        wall_ms(command, env)
    return statistics.median(wall_ms(command, env) for _ in range(runs))


def main() -> None:
    with tempfile.TemporaryDirectory() as home:
        # A throwaway home, so the benchmark never reads or writes the user's settings or drafts.
        env = dict(os.environ, INTERVIEWER_HOME=home, INTERVIEWER_TOKENIZER="estimate")
        bare = median_ms(BARE, env, runs=HELP_RUNS)
        shown = median_ms(HELP, env, runs=HELP_RUNS)
        critique = median_ms(CRITIQUE, env, runs=CRITIQUE_RUNS)
    print(f"median of {HELP_RUNS} runs after {WARMUPS} warm-ups, {sys.executable}")
    print(f"  python -c pass          {bare:8.1f} ms")
    print(f"  interviewer --help      {shown:8.1f} ms")
    print(f"  difference              {shown - bare:8.1f} ms")
    print(f"median of {CRITIQUE_RUNS} runs after {WARMUPS} warm-ups")
    print(f"  critique --offline      {critique:8.1f} ms  (one answer, JSON out)")


if __name__ == "__main__":
    main()
