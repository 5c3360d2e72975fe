"""The labelled judgement set is well formed, and the benchmark that reads it measures honestly.

These tests check the set itself and the arithmetic of benchmarks/judgement.py; they hold no
floors on any grader (those belong beside the grader, set after tuning).
"""

import importlib.util
import json
import re
from collections import Counter
from pathlib import Path

import pytest

from interviewer.contract import Flag, verdict_for
from interviewer.guidance import CRITERION_IDS
from tests.judgement_set import (
    CLASSES,
    NEW_FLAGS,
    VERDICTS,
    Range,
    item_files,
    load_items,
    load_profiles,
)
from tests.llm_server import Reply

ITEMS = load_items()
SPOKEN_WORDS = 450  # about three minutes of speech; "very long" means far beyond it
NUMBER = re.compile(r"\d|\b(one|two|three|four|five|six|seven|eight|nine|ten|twenty)\b", re.I)
MAIN_CLASSES = set(CLASSES) - {"adequate", "register_mismatch"}


def _bench():
    path = Path(__file__).resolve().parent.parent / "benchmarks" / "judgement.py"
    spec = importlib.util.spec_from_file_location("judgement_benchmark", path)
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


BENCH = _bench()


def of_class(name: str) -> list:
    return [item for item in ITEMS if name in item.classes]


def test_the_set_is_large_and_spread_over_fields():
    assert len(ITEMS) >= 150
    per_profile = Counter(item.profile_name for item in ITEMS)
    assert len(load_profiles()) >= 6 and set(per_profile) == set(load_profiles())
    assert min(per_profile.values()) >= 20, per_profile
    roles = {profile.role for profile in load_profiles().values()}
    assert len(roles) == len(load_profiles())


def test_every_class_is_populated():
    counts = Counter(k for item in ITEMS for k in item.classes)
    assert set(counts) == set(CLASSES), set(CLASSES) - set(counts)
    thin = {k: counts[k] for k in MAIN_CLASSES if counts[k] < 10}
    assert not thin, f"classes with fewer than 10 items: {thin}"
    assert counts["adequate"] >= 5 and counts["register_mismatch"] >= 3


def test_the_holdout_is_kept_apart():
    """Items written after tuning began are marked, so agreement on them can be shown apart."""
    assert {item.split for item in ITEMS} == {"dev", "holdout"}
    assert len(load_items("dev")) + len(load_items("holdout")) == len(ITEMS)
    assert len(load_items("holdout")) >= 20


def test_ids_are_unique_and_items_complete():
    ids = Counter(item.id for item in ITEMS)
    assert [i for i, n in ids.items() if n > 1] == []
    for item in ITEMS:
        assert item.question.strip() and item.answer.strip(), item.id
        assert item.rationale.strip() and "\n" not in item.rationale.strip(), item.id
        assert set(item.classes) <= set(CLASSES), item.id


def test_every_criterion_is_labelled_with_a_sane_range():
    for item in ITEMS:
        assert list(item.expected.criteria) == list(CRITERION_IDS), item.id
        for cid, span in item.expected.criteria.items():
            if span is not None:
                assert 1 <= span.low <= span.high <= 5, (item.id, cid)
                assert span.high - span.low <= 2, (item.id, cid, "a range this wide says nothing")


def test_verdicts_and_flags_are_known_names():
    known_flags = {str(f) for f in Flag} | set(NEW_FLAGS)
    for item in ITEMS:
        for expectation in filter(None, (item.expected, item.offline)):
            assert expectation.verdicts and set(expectation.verdicts) <= set(VERDICTS), item.id
            assert set(expectation.flags) <= known_flags, item.id


def test_the_verdict_follows_from_the_labelled_scores():
    """The verdict is the band of the mean score, so a label's verdict must agree with its ranges
    (allowing a quarter point at a border)."""
    for item in ITEMS:
        mids = [r.mid for r in item.expected.criteria.values() if r is not None]
        mean = sum(mids) / len(mids)
        near = {verdict_for(mean + d) for d in (-0.25, 0, 0.25)}
        assert near & set(item.expected.verdicts), (item.id, round(mean, 2))


def test_follows_lead_applies_exactly_when_there_is_a_register():
    for item in ITEMS:
        labelled = item.expected.criteria["follows_lead"] is not None
        no_answer = "insufficient" in item.expected.verdicts  # nothing to judge beyond that
        assert labelled == (item.register is not None and not no_answer), item.id


def test_first_round_gaps_is_labelled_only_where_round_one_had_concerns():
    profiles = load_profiles()
    for item in ITEMS:
        if item.expected.criteria["first_round_gaps"] is not None:
            assert profiles[item.profile_name].first_round.concerns, item.id
    assert all(
        item.expected.criteria["first_round_gaps"] for item in of_class("paraphrased_concern")
    )


def test_strong_items_are_labelled_strong_on_evidence():
    for item in of_class("strong_digits") + of_class("strong_no_digits"):
        assert item.expected.criteria["experience_evidence"].low >= 4, item.id
    for item in of_class("strong_digits"):
        assert re.search(r"\d", item.answer), item.id
    for item in of_class("strong_no_digits"):
        assert not re.search(r"(?<![A-Za-z])\d", item.answer), f"{item.id} has a figure in digits"


def test_weak_classes_are_labelled_low_where_it_matters():
    for item in of_class("padded"):
        assert len(re.findall(r"\d[\d,.]*", item.answer)) >= 3, item.id
        assert item.expected.criteria["experience_evidence"].high <= 2, item.id
    for item in of_class("buzzword") + of_class("padded"):
        assert "strong" not in item.expected.verdicts, item.id
    for item in of_class("off_topic"):
        assert item.expected.criteria["focused_and_pointed"].high <= 2, item.id
    for item in of_class("we_not_i"):
        assert item.expected.criteria["experience_evidence"].high <= 3, item.id


def test_paraphrase_items_expect_alignment_to_be_seen():
    for item in of_class("paraphrased_focus"):
        assert item.expected.criteria["priority_alignment"].high >= 3, item.id


def test_preparation_items_label_honest_preparation():
    for item in of_class("inside_information"):
        assert item.expected.criteria["honest_preparation"] == Range(1, 1), item.id
        assert "inside_information" in item.expected.flags, item.id
    for item in of_class("honest_preparation"):
        assert item.expected.criteria["honest_preparation"] is not None, item.id
    credited = [
        i
        for i in of_class("honest_preparation")
        if i.expected.criteria["honest_preparation"].low >= 4
    ]
    assert len(credited) >= 10


def test_contradictions_come_with_the_earlier_answer():
    for item in of_class("contradiction_numbers") + of_class("contradiction_claims"):
        assert item.earlier, item.id
        assert item.expected.criteria["consistent_style"].high <= 2, item.id
    for item in of_class("contradiction_numbers"):
        assert re.search(NUMBER, " ".join(item.earlier)), item.id


def test_non_english_items_tell_the_offline_grader_to_abstain():
    for item in of_class("non_english"):
        assert item.offline is not None, item.id
        assert item.offline.verdicts == ("ungraded",) and "not_english" in item.offline.flags
        assert all(r is None for r in item.offline.criteria.values())
        assert not re.search(r"\b(the|and|with|that)\b", item.answer), f"{item.id} reads as English"
    languages_hint = {"ä", "é", "ñ", "ó", "ą", "ò", "ij"}
    assert sum(any(h in i.answer for h in languages_hint) for i in of_class("non_english")) >= 8
    assert all(item.offline is None for item in ITEMS if "non_english" not in item.classes)


def test_very_long_items_are_far_beyond_a_spoken_answer():
    for item in of_class("very_long"):
        assert len(item.answer.split()) > 2 * SPOKEN_WORDS, item.id
        assert item.expected.criteria["focused_and_pointed"].high <= 2, item.id
        assert "too_long" in item.expected.flags, item.id
    assert max(len(item.answer) for item in ITEMS) >= 2_000_000  # the 2 MB answer
    for item in ITEMS:
        if "very_long" not in item.classes:
            assert len(item.answer.split()) < SPOKEN_WORDS, item.id


def test_an_include_must_name_an_item_of_the_same_profile():
    import tomllib

    by_profile = {item.id: item.profile_name for item in ITEMS}
    for path in item_files():
        data = tomllib.loads(path.read_text(encoding="utf-8"))
        for entry in data["item"]:
            for other in entry.get("include", ()):
                assert other != entry["id"] and by_profile[other] == data["profile"], entry["id"]


# --- the benchmark's arithmetic -------------------------------------------------------------------


def test_rank_correlation_and_pairwise_accuracy():
    assert BENCH.spearman([1, 2, 3, 4], [2, 4, 6, 8]) == pytest.approx(1.0)
    assert BENCH.spearman([1, 2, 3, 4], [4, 3, 2, 1]) == pytest.approx(-1.0)
    assert BENCH.spearman([1, 2, 3], [3, 3, 3]) is None
    assert BENCH.ranks([5, 1, 5, 2]) == [3.5, 1, 3.5, 2]
    share, pairs = BENCH.pairwise([(1, 1), (4.5, 5), (2, 5), (5, 3)])
    # clearly apart: (1,4.5) right, (1,5) right, (4.5,2) tie on score -> half, (2,5) wrong
    assert pairs == 4 and share == pytest.approx(2.5 / 4)


def test_agreement_counts_an_unscored_criterion_as_a_miss():
    figures = BENCH.agreement([(Range(4, 5), 5), (Range(4, 5), 3), (Range(1, 3), None)])
    assert figures["n"] == 3 and figures["unscored"] == 1
    assert figures["in_range"] == pytest.approx(1 / 3)
    assert figures["within_one"] == pytest.approx(2 / 3)
    assert figures["exact"] == pytest.approx(1 / 3)


def test_the_offline_benchmark_runs_and_reports_every_class(capsys):
    assert BENCH.main(["--class", "adequate", "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["grader"] == "offline"
    assert figures["classes"]["adequate"]["items"] == len(of_class("adequate"))
    assert set(figures["criteria"]) == set(CRITERION_IDS)


def _oracle(items):
    """A grader at the other end of HTTP that answers every item with its labels."""

    def reply(body: dict) -> Reply:
        text = body["messages"][-1]["content"]
        item = max((i for i in items if i.answer in text), key=lambda i: len(i.answer))
        quote = item.answer.split(".")[0][:60]
        criteria = []
        for cid, span in item.expected.criteria.items():
            score = None if span is None else round(span.mid)
            comment = item.rationale if cid == "honest_preparation" else "as labelled"
            evidence = [quote] if score else []
            criteria.append(
                {
                    "id": cid,
                    "score": score,
                    "evidence": evidence,
                    "comment": comment,
                    "suggestion": "",
                }
            )
        scores = [c["score"] for c in criteria if c["score"]]
        verdict = verdict_for(sum(scores) / len(scores))
        payload = {
            "criteria": criteria,
            "strengths": [],
            "improvements": [],
            "improved_answer": None,
            "verdict": verdict,
        }
        return Reply.json(payload)

    return reply


def test_the_llm_path_is_measured_against_the_labels_not_the_offline_abstention(llm_server, capsys):
    """A grader that answers with the labels scores every criterion in range, over real HTTP; for
    answers not in English it is held to the labels, not to the offline grader's abstention."""
    items = of_class("non_english")
    llm_server.responder = _oracle(items)
    args = ["--model", "test-model", "--base-url", llm_server.base_url, "--class", "non_english"]
    assert BENCH.main([*args, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert len(llm_server.chat_requests()) >= len(items)
    for cid, f in figures["criteria"].items():
        if f["n"]:
            assert f["in_range"] == 1.0, cid
    assert figures["classes"]["non_english"]["items"] == len(items)
    assert figures["classes"]["non_english"]["in_range"] == 1.0


def test_an_endpoint_that_fails_at_once_ends_the_run_in_one_line(llm_server, capsys):
    llm_server.responder = lambda body: Reply.failure(400, "model does not exist")
    args = ["--model", "test-model", "--base-url", llm_server.base_url, "--class", "adequate"]
    assert BENCH.main(args) == 3
    captured = capsys.readouterr()
    assert captured.out == ""
    assert captured.err.startswith("judgement benchmark: ") and captured.err.count("\n") == 1


def test_a_failure_after_the_first_item_is_counted_not_fatal(llm_server, capsys):
    items = of_class("adequate")
    oracle = _oracle(items)
    answered = []

    def flaky(body: dict) -> Reply:
        answered.append(body)
        return oracle(body) if len(answered) == 1 else Reply.failure(400, "bad request")

    llm_server.responder = flaky
    args = ["--model", "test-model", "--base-url", llm_server.base_url, "--class", "adequate"]
    assert BENCH.main([*args, "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["overall"]["endpoint_failures"] == len(items) - 1
