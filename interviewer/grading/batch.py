"""Critique many answers from a JSONL file at once, keeping input order and isolating failures.

Each input line is `{"id": optional, "question": ..., "answer": ...}`. Each output line is the
critique with the item's id first, or `{"id", "line", "error"}` for an item that failed: one bad
line or one server error never costs the other answers their critique.
"""

import json
import threading
from collections.abc import Callable, Iterable, Iterator
from concurrent.futures import Future, ThreadPoolExecutor
from dataclasses import dataclass

from interviewer.contract import Critique
from interviewer.errors import InterviewerError

DEFAULT_JOBS = 8


@dataclass(frozen=True, kw_only=True)
class BatchItem:
    line: int
    id: object = None
    question: str = ""
    answer: str = ""
    error: str | None = None


def read_items(lines: Iterable[str]) -> list[BatchItem]:
    """Parse every non-blank line; a bad line becomes an item that carries its error."""
    items = []
    for number, raw in enumerate(lines, start=1):
        if raw.strip():
            items.append(_parse_line(number, raw))
    return items


def _parse_line(number: int, raw: str) -> BatchItem:
    try:
        data = json.loads(raw)
    except json.JSONDecodeError as error:
        return BatchItem(line=number, error=f"line {number} is not valid JSON ({error.msg})")
    if not isinstance(data, dict):
        return BatchItem(line=number, error=f"line {number} must be a JSON object")
    item_id = data.get("id")
    for key in ("question", "answer"):
        if not isinstance(data.get(key), str):
            problem = f'line {number} needs "{key}" as a string'
            return BatchItem(line=number, id=item_id, error=problem)
    unknown = set(data) - {"id", "question", "answer"}
    if unknown:
        problem = f"line {number} has unknown keys: {', '.join(sorted(unknown))}"
        return BatchItem(line=number, id=item_id, error=problem)
    return BatchItem(line=number, id=item_id, question=data["question"], answer=data["answer"])


CritiqueOne = Callable[[str, str], Critique]


def critique_items(
    items: list[BatchItem],
    critique_one: CritiqueOne,
    *,
    jobs: int = DEFAULT_JOBS,
    on_done: Callable[[], None] = lambda: None,
) -> Iterator[dict]:
    """Yield one result dict per item, in input order, while up to `jobs` run at once.

    `on_done` is called once per finished item, always under one lock, so it may drive a
    progress bar that is not thread-safe."""
    lock = threading.Lock()

    def done_once() -> None:
        with lock:
            on_done()

    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="critique") as pool:
        futures = [_submit(pool, item, critique_one, done_once) for item in items]
        try:
            for item, future in zip(items, futures, strict=True):
                yield _result(item, future)
        finally:
            for future in futures:
                if future is not None:
                    future.cancel()


def _submit(pool, item: BatchItem, critique_one: CritiqueOne, on_done) -> Future | None:
    if item.error:
        on_done()
        return None
    future = pool.submit(critique_one, item.question, item.answer)
    future.add_done_callback(lambda _f: on_done())
    return future


def _result(item: BatchItem, future: Future | None) -> dict:
    if future is None:
        return {"id": item.id, "line": item.line, "error": item.error}
    try:
        return {"id": item.id, **future.result().to_json_dict()}
    except InterviewerError as error:
        return {"id": item.id, "line": item.line, "error": str(error)}
    except Exception as error:  # one item's surprise must not sink the batch
        return {"id": item.id, "line": item.line, "error": f"{type(error).__name__}: {error}"}
