"""Worst-case CPU time for replies a hostile or broken model can send: JSON parsing and the turn filter.

Run: python benchmarks/hostile_replies.py [--kb 50] [--words 20000]
Each case is parsed once; the figure is the wall time of that one call. Both must stay linear:
doubling --kb or --words should roughly double the times, never quadruple them.
"""

import argparse
import sys
import time

from interviewer.executive.turn_filter import filtered_turn
from interviewer.llm.client import extract_json


def json_cases(size: int) -> dict[str, str]:
    """Replies of about `size` characters that once took quadratic time or blew the stack."""
    depth = size // 2
    return {
        "open braces": "{" * size,
        "unclosed keys": '{"a":' * (size // 5),
        "nested arrays": '{"x": ' + "[" * depth + "]" * depth + "}",
        "nested objects": '{"a":' * (size // 6) + "1" + "}" * (size // 6),
        "many small objects": "{} " * (size // 3),
        "quotes and braces": '{"' * (size // 2),
        "escaped quotes": '{"{\\"' * (size // 5),
        "open fences": "```json\n{" * (size // 9),
        "prose then object": "word " * (size // 5) + '{"score": 3}',
    }


def turn_cases(words: int) -> dict[str, str]:
    """Executive turns that once took quadratic time in the filter."""
    return {
        "one endless sentence": " ".join(["word"] * words),
        "many sentences": " ".join(["A short sentence."] * (words // 3)),
        "fence markers": " ".join(["<<<BEGIN ANSWER x>>>"] * (words // 3)),
        "template tokens": " ".join(["[INST] <<SYS>> <|im_start|>"] * (words // 3)),
    }


def streamed_turn(text: str) -> str:
    """The filter fed word by word, as a model streams a turn."""
    words = text.split(" ")
    return "".join(filtered_turn(word + " " for word in words))


def timed(function, text: str) -> tuple[float, str]:
    """Seconds for one call, and what it raised (a crash is a finding, not a benchmark error)."""
    start = time.perf_counter()
    try:
        function(text)
    except RecursionError as error:
        return time.perf_counter() - start, f"  raised {type(error).__name__}"
    return time.perf_counter() - start, ""


def main(argv: list[str]) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--kb", type=int, default=50, help="size of each JSON reply, in KB")
    parser.add_argument("--words", type=int, default=20_000, help="length of each turn, in words")
    args = parser.parse_args(argv)
    sys.setrecursionlimit(1000)  # the interpreter's default: what users run with
    worst = 0.0
    print(f"extract_json, replies of {args.kb} KB:")
    for name, text in json_cases(args.kb * 1000).items():
        seconds, crash = timed(extract_json, text)
        worst = max(worst, seconds)
        print(f"  {name:<22} {seconds * 1000:9.1f} ms{crash}")
    print(f"  worst case             {worst * 1000:9.1f} ms")
    worst = 0.0
    print(f"turn filter, turns of {args.words} words streamed word by word:")
    for name, text in turn_cases(args.words).items():
        seconds, crash = timed(streamed_turn, text)
        worst = max(worst, seconds)
        print(f"  {name:<22} {seconds * 1000:9.1f} ms{crash}")
    print(f"  worst case             {worst * 1000:9.1f} ms")


if __name__ == "__main__":
    main(sys.argv[1:])
