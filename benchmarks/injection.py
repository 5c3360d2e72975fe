"""How well grading holds against injected instructions, and what the guards cost honest answers.

Run: python benchmarks/injection.py

1. The attack corpus (tests/data/attacks.jsonl) against an obedient model on 127.0.0.1 that does
   whatever it can read: how many attacks raise a score and how many are flagged, with detection on
   and with detection switched off (then only the score-support caps stand in the way).
2. False positives of detection: realistic answers (labelled pairs, examples, the labelled
   judgement set, tricky legitimate answers) flagged as addressing the grader.
3. False positives of the caps: a grader that gives every labelled answer the middle of its
   labelled range, quoting the answer's most concrete sentence; how many scores the caps push
   below the labelled range.
"""

import os
import sys
import tempfile
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(
    0, str(ROOT)
)  # the corpus, the test server and the labelled sets live with the tests

from interviewer.grading import pipeline  # noqa: E402
from interviewer.grading.injection import GuardedAnswer, addresses_grader, guard  # noqa: E402
from interviewer.grading.llm import LLMGrader  # noqa: E402
from interviewer.llm.client import Endpoint, LLMClient  # noqa: E402
from tests.injection_corpus import labelled_scores_pushed_down, load_attacks, run_corpus  # noqa: E402
from tests.judgement_set import load_items  # noqa: E402
from tests.llm_server import LLMServer  # noqa: E402
from tests.obedient_model import ObedientModel  # noqa: E402
from tests.test_injection_corpus import realistic_answers  # noqa: E402


def corpus_figures() -> None:
    attacks = load_attacks()
    server = LLMServer().start()
    server.responder = ObedientModel()
    client = LLMClient(Endpoint(base_url=server.base_url, api_key="sk-bench", model="test-model"))
    grader = LLMGrader(client, model="test-model")
    try:
        started = time.perf_counter()
        guarded = run_corpus(grader, attacks)
        seconds = time.perf_counter() - started
        pipeline.guard = lambda answer: GuardedAnswer(answer, answer, (answer,), False)
        unguarded = run_corpus(grader, attacks)
    finally:
        pipeline.guard = guard
        server.stop()
    languages = Counter(a["lang"] for a in attacks)
    print(f"attack corpus: {len(attacks)} attacks, {len(languages)} languages {dict(languages)}")
    print(f"  techniques: {len({a['technique'] for a in attacks})}")
    raised = [o.attack_id for o in guarded if o.raised]
    print(f"  detection on:  raised {len(raised)}, flagged {sum(o.flagged for o in guarded)}")
    raised_off = [o.attack_id for o in unguarded if o.raised]
    print(f"  detection off: raised {len(raised_off)} (the caps alone) {raised_off or ''}")
    print(f"  {len(attacks) * 2 + 6} critiques over HTTP in {seconds * 2:.1f} s")


def detection_false_positives() -> None:
    answers = realistic_answers()
    started = time.perf_counter()
    flagged = [a for a in answers if guard.__wrapped__(a).attempted]
    per_answer = (time.perf_counter() - started) / len(answers) * 1000
    print(f"detection false positives: {len(flagged)} of {len(answers)} realistic answers")
    print(f"  screening: {per_answer:.1f} ms per answer")
    document = "\n\n".join(dict.fromkeys(a for a in answers if len(a) < 5_000))  # all distinct
    addresses_grader.cache_clear()
    started = time.perf_counter()
    guard.__wrapped__(document)
    seconds = time.perf_counter() - started
    print(f"  screening all of them as one {len(document.split()):,}-word text: {seconds:.2f} s")
    for answer in flagged:
        print(f"  - {answer[:100]}")


def cap_false_positives() -> None:
    misses, scored = labelled_scores_pushed_down(load_items())
    print(
        f"cap false positives: {len(misses)} of {scored} labelled scores pushed below their range"
    )
    print(f"  by criterion: {dict(Counter(criterion for _item, criterion in misses))}")


def main() -> None:
    os.environ.setdefault("INTERVIEWER_HOME", tempfile.mkdtemp())
    os.environ.setdefault("INTERVIEWER_TOKENIZER", "estimate")
    corpus_figures()
    detection_false_positives()
    cap_false_positives()


if __name__ == "__main__":
    main()
