"""How honest the LLM path of `profile new` is on the hand-labelled prep cases (tests/data/prep).

Two measurements, both per case and in total:

- real model: each case is drafted once by a real model (by default llama-cpp-python with
  SmolLM2-135M, prepared by `python -m tests.real_server.prepare`; --base-url and --model point it
  at any OpenAI-compatible endpoint). Printed: the items the model proposed, kept and dropped; the
  facts invented in what it said, judged by the labels' own check (tests/prep_scoring.py: numbers
  and capitalised names in no input, and the case's tempting `not_in_inputs` facts); and, in the
  final draft `profile new` writes (the model's items completed by the rules), the items, those
  whose quote is not in their document, and the invented facts: both should be 0.
- seeded lies (no server): a scripted reply made of the labels themselves (true items, with the
  labels' own wording and quotes) plus one seeded lie of each kind per case: each tempting fact
  added to a true experience, a concern taken from the job ad, a strength quoting words the notes
  do not hold, a value its quote does not say. Printed: true items kept, lies dropped.

Run: python benchmarks/profile_llm.py [--seeded-only] [--base-url URL --model NAME] [--cases a,b]
"""

import argparse
import sys
import time
from collections import Counter
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))  # the labelled cases and their scoring live with the tests

from tests.prep_cases import Case, load_cases  # noqa: E402
from tests.prep_scoring import invented_facts, tempting_facts_claimed  # noqa: E402

FIELDS = (
    "role",
    "company",
    "interviewer_name",
    "interviewer_title",
    "candidate_name",
    "background",
    "focus_areas",
    "strengths",
    "concerns",
    "experiences",
)


def inputs_of(case: Case):
    from interviewer.prep.draft import PrepInputs

    return PrepInputs(job=case.job, cv=case.cv, notes=(case.notes,) if case.notes else ())


def raw_items(reply: dict | None) -> list[object]:
    """Every item the model proposed, well-formed or not."""
    items: list[object] = []
    for name in FIELDS:
        value = (reply or {}).get(name)
        items += value if isinstance(value, list) else [value] if value else []
    return items


def kept_items(vetted) -> list:
    kept = []
    for value in vetted.fields.values():
        kept += list(value) if isinstance(value, tuple) else [value] if value else []
    return kept


# --- the real model -----------------------------------------------------------------------------


def real_model(cases: list[Case], client, window: int) -> None:
    from interviewer.errors import EndpointError
    from interviewer.prep.extract_llm import complete_draft, model_draft, rule_based_draft

    totals: Counter[str] = Counter()
    print(
        f"{'case':28} {'secs':>5} {'usable':>6} {'proposed':>8} {'kept':>4} {'dropped':>7} "
        f"{'invented in reply':>17} {'final items':>11} {'ungrounded':>10} {'invented':>8}"
    )
    for case in cases:
        inputs = inputs_of(case)
        started = time.monotonic()
        try:
            result = model_draft(inputs, client, context_tokens=window)
        except EndpointError as error:
            print(f"{case.name:28} endpoint failed: {error}")
            totals["endpoint failures"] += 1
            continue
        seconds = time.monotonic() - started
        proposed = raw_items(result.reply)
        kept = kept_items(result.vetted) if result.vetted else []
        dropped = result.vetted.dropped if result.vetted else Counter()
        said = string_leaves(result.reply) if result.reply is not None else [result.text]
        invented_said = invented_facts(said, case.inputs_text) + tempting_facts_claimed(said, case)
        final = sourced(complete_draft(result, rule_based_draft(inputs)))
        ungrounded = [item for item in final if not _grounded(item, inputs)]
        values = [item.value for item in final]
        invented = invented_facts(values, case.inputs_text) + tempting_facts_claimed(values, case)
        print(
            f"{case.name:28} {seconds:5.0f} {'yes' if result.vetted else 'no':>6} "
            f"{len(proposed):8} {len(kept):4} {sum(dropped.values()):7} "
            f"{len(invented_said):17} {len(final):11} {len(ungrounded):10} {len(invented):8}"
        )
        for fact in invented:
            print(f"{'':28} INVENTED in the final draft: {fact!r}")
        totals.update(
            usable=bool(result.vetted),
            proposed=len(proposed),
            kept=len(kept),
            dropped=sum(dropped.values()),
            invented_in_replies=len(invented_said),
            final_items=len(final),
            final_ungrounded=len(ungrounded),
            final_invented=len(invented),
            seconds=round(seconds),
        )
        totals.update({f"dropped: {reason}": n for reason, n in dropped.items()})
    print(f"\nreal model, {len(cases)} cases: " + ", ".join(f"{k} {v}" for k, v in totals.items()))


def string_leaves(data: object) -> list[str]:
    """Every string value in a reply's JSON (keys aside): what the model actually said."""
    if isinstance(data, str):
        return [data]
    if isinstance(data, dict):
        return [s for value in data.values() for s in string_leaves(value)]
    if isinstance(data, list):
        return [s for value in data for s in string_leaves(value)]
    return []


def sourced(draft) -> list:
    found = []
    for name in FIELDS:
        value = getattr(draft, name)
        found += list(value) if isinstance(value, tuple) else [value] if value else []
    return found


def _grounded(item, inputs) -> bool:
    from interviewer.grading.grounding import is_grounded

    return is_grounded(item.quote, (inputs.text_of(item.source),))


# --- seeded lies ----------------------------------------------------------------------------------


def _item(value: str, source: str, quote: str) -> dict:
    return {"value": value, "source": source, "quote": quote}


def true_items(case: Case) -> list[tuple[str, dict]]:
    """The hand labels as a model might reply them: the label's words, the label's quote."""
    return [
        *(("focus_areas", _item(f.label, "job ad", f.quote)) for f in case.focus_areas),
        *(("strengths", _item(s.label, "notes", s.quote)) for s in case.strengths),
        *(("concerns", _item(c.label, "notes", c.quote)) for c in case.concerns),
        *(("experiences", _item(e.label, "CV", e.quote)) for e in case.experiences),
    ]


def seeded_lies(case: Case) -> list[tuple[str, dict]]:
    """One lie of each kind: tempting facts on true episodes, guessed verdicts, false quotes."""
    lies = []
    for n, fact in enumerate(case.labels.get("not_in_inputs", [])):
        real = case.experiences[n % len(case.experiences)]
        lies.append(("experiences", _item(f"{real.label}, with {fact}", "CV", real.quote)))
    top = case.focus_areas[0]
    lies.append(("concerns", _item(f"little experience of {top.label}", "job ad", top.quote)))
    made_up = "the panel said this was the best candidate they had seen"
    lies.append(("strengths", _item("an outstanding all-round candidate", "notes", made_up)))
    if case.strengths:
        quote = case.strengths[0].quote
        lies.append(("strengths", _item("flawless presentation skills", "notes", quote)))
    return lies


def fate(field: str, item: dict, inputs) -> str:
    """'kept', 'reworded' (kept, its value replaced by its quote) or why it was dropped."""
    from interviewer.prep.sourcing import vet_reply

    vetted = vet_reply({field: [item]}, inputs)
    return next(iter(vetted.dropped), None) or ("reworded" if vetted.reworded else "kept")


def seeded(cases: list[Case]) -> None:
    totals: Counter[str] = Counter()
    print(
        f"{'case':28} {'true kept':>9} {'reworded':>8} {'lies stopped':>12}  true items dropped (why)"
    )
    for case in cases:
        inputs = inputs_of(case)
        truths, lies = true_items(case), seeded_lies(case)
        true_fates = [(f, i["value"], fate(f, i, inputs)) for f, i in truths]
        lost = [(f, v, why) for f, v, why in true_fates if why not in ("kept", "reworded")]
        reworded = sum(why == "reworded" for _f, _v, why in true_fates)
        kept_lies = [(f, i["value"]) for f, i in lies if fate(f, i, inputs) == "kept"]
        print(
            f"{case.name:28} {len(truths) - len(lost):4}/{len(truths):<4} {reworded:8} "
            f"{len(lies) - len(kept_lies):7}/{len(lies):<4}  "
            + "; ".join(f"{f}: {v!r} ({why})" for f, v, why in lost)
        )
        for field, value in kept_lies:
            print(f"{'':28} LIE KEPT {field}: {value!r}")
        totals.update(true=len(truths), true_lost=len(lost), true_reworded=reworded)
        totals.update(lies=len(lies), lies_kept=len(kept_lies))
        totals.update(f"true lost: {why}" for _f, _v, why in lost)
    print(
        f"\nseeded, {len(cases)} cases: true items kept {totals['true'] - totals['true_lost']}"
        f"/{totals['true']} ({totals['true_reworded']} shown in the documents' words), lies "
        f"stopped {totals['lies'] - totals['lies_kept']}/{totals['lies']}; "
        + ", ".join(f"{k} {v}" for k, v in totals.items() if k.startswith("true lost:"))
    )


# --- running --------------------------------------------------------------------------------------


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--seeded-only", action="store_true", help="skip the real model")
    parser.add_argument(
        "--base-url", help="an OpenAI-compatible endpoint instead of the real server"
    )
    parser.add_argument("--model", default="test-model")
    parser.add_argument("--context-tokens", type=int, default=None)
    parser.add_argument("--cases", help="comma-separated case names (default: all)")
    args = parser.parse_args()
    cases = load_cases()
    if args.cases:
        cases = [c for c in cases if c.name in args.cases.split(",")]
    seeded(cases)
    if not args.seeded_only:
        print()
        with_real_model(cases, args)


def with_real_model(cases: list[Case], args) -> None:
    from interviewer.llm.client import Endpoint, LLMClient
    from interviewer.llm.window import window_for

    server = None
    if args.base_url is None:
        from tests.real_server import prepare
        from tests.real_server.server import start_server

        if not (prepare.server_installed() and prepare.model_ready()):
            sys.exit("run `python -m tests.real_server.prepare` first, or give --base-url")
        server = start_server()
    base_url, model = (server.base_url, server.model) if server else (args.base_url, args.model)
    try:
        with LLMClient(Endpoint(base_url=base_url, model=model, timeout=600)) as client:
            window = window_for(client.endpoint, args.context_tokens)
            print(f"model {Path(model).name}, window {window.tokens} ({window.source})")
            real_model(cases, client, window.tokens)
    finally:
        if server:
            server.stop()


if __name__ == "__main__":
    main()
