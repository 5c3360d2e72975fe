"""Asking for what the documents did not say, and reading a paste that has blank lines in it."""

from interviewer.prep.asking import ask_for_gaps, fields_to_ask, read_paste
from interviewer.prep.draft import ProfileDraft, Sourced


def _lines(*lines: str):
    queue = [f"{line}\n" for line in lines]
    return lambda: queue.pop(0) if queue else ""


def test_a_paste_keeps_its_blank_lines_while_more_is_waiting():
    waiting = iter([True, False])
    text = read_paste(
        _lines("Ward Manager", "", "Essential:", "", "ignored"), lambda: next(waiting)
    )
    assert text == "Ward Manager\n\nEssential:"


def test_enter_alone_skips_and_end_of_input_ends():
    assert read_paste(_lines("", "not read"), lambda: True) == ""
    assert read_paste(_lines("only line"), lambda: False) == "only line"


def test_each_missing_field_is_asked_once_in_file_order_and_enter_skips():
    draft = ProfileDraft(role=Sourced(value="Ward Manager", source="job ad", quote="Ward Manager"))
    asked: list[str] = []
    replies = {"Company": "St. Brendan's", "What will round two focus on?": "safety; retention"}

    def ask(question: str) -> str:
        asked.append(question)
        return next((v for k, v in replies.items() if question.startswith(k)), "")

    answers = ask_for_gaps(draft, ask)
    assert fields_to_ask(draft)[:3] == ["company", "focus_areas", "strengths"]
    assert len(asked) == len(fields_to_ask(draft)) == 9
    assert answers.values == {"company": "St. Brendan's"}
    assert answers.lists == {"focus_areas": ("safety", "retention")}
