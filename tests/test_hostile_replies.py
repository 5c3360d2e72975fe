"""Replies a broken or hostile model can send: none may crash us, hang us or burn the CPU.

The speed itself is measured by benchmarks/hostile_replies.py; here we check the answers.
"""

import pytest

from interviewer.llm.client import MAX_JSON_DEPTH, extract_json


def nested(depth: int) -> str:
    return '{"a":' * depth + "1" + "}" * depth


@pytest.mark.parametrize(
    "text",
    [
        nested(5_000),  # json.loads would raise RecursionError
        '{"x": ' + "[" * 50_000 + "]" * 50_000 + "}",
        '{"a":' * 10_000,
        "{" * 50_000,
        '{"' * 20_000,
        '{"{\\"' * 10_000,
        "```json\n{" * 5_000,
    ],
    ids=[
        "nested objects",
        "nested arrays",
        "unclosed keys",
        "braces",
        "quotes",
        "escapes",
        "fences",
    ],
)
def test_hostile_json_is_no_object_and_no_crash(text):
    assert extract_json(text) is None


def depth_of(value: object) -> int:
    return 1 + depth_of(value["a"]) if isinstance(value, dict) else 0


def test_nesting_up_to_the_limit_is_read_and_deeper_is_cut_to_it():
    assert depth_of(extract_json(nested(MAX_JSON_DEPTH))) == MAX_JSON_DEPTH
    assert depth_of(extract_json(nested(MAX_JSON_DEPTH + 5))) == MAX_JSON_DEPTH


def test_an_object_after_an_unbalanced_quote_in_prose_is_found():
    assert extract_json('He said "hi. Then: {"score": 3}') == {"score": 3}


def test_the_first_object_after_prose_braces_wins():
    assert extract_json('set {x} and {y}, then {"score": 2} and {"score": 5}') == {"score": 2}


def test_an_object_after_unclosed_prose_braces_is_found():
    text = "Consider {this and {that " + '{"score": 4, "note": "a } inside"}'
    assert extract_json(text) == {"score": 4, "note": "a } inside"}
