"""The session log must survive crashes, concurrent writers and corruption without losing a word."""

import json
import os
import signal
import stat
import subprocess
import sys
import textwrap
import threading
from datetime import UTC, datetime

import pytest

from interviewer.errors import TranscriptError
from interviewer.paths import sessions_dir
from interviewer.session.log import (
    SCHEMA_VERSION,
    TranscriptWriter,
    list_sessions,
    load_transcript,
    new_session_id,
    session_path,
)

MULTILINE_ANSWER = (
    "Première ligne — ünïcödé ✓ 你好\nsecond line\twith a tab\n\u2028after a separator"
)


def write_session(session_id: str, *events: tuple[str, dict]) -> None:
    with TranscriptWriter.create(session_id) as writer:
        for event_type, payload in events:
            writer.append(event_type, **payload)


def started(role: str = "CTO", company: str = "Acme") -> tuple[str, dict]:
    return "session_started", {"profile": {"role": role, "company": company}}


def main_answer(text: str = "an answer") -> tuple[str, dict]:
    return "answer", {"kind": "main", "text": text}


# ---------------------------------------------------------------- ids


def test_session_ids_are_sortable_readable_and_unique():
    moment = datetime(2026, 11, 25, 17, 55, 1, tzinfo=UTC)
    ids = [new_session_id(moment) for _ in range(500)]
    assert len(set(ids)) == len(ids)
    assert all(value.startswith("20261125-175501-") for value in ids)
    later = new_session_id(datetime(2026, 11, 25, 17, 55, 2, tzinfo=UTC))
    assert later > max(ids)


def test_session_id_uses_utc_for_aware_times():
    from datetime import timedelta, timezone

    paris = datetime(2026, 1, 1, 1, 30, tzinfo=timezone(timedelta(hours=1)))
    assert new_session_id(paris).startswith("20260101-003000-")


# ---------------------------------------------------------------- writing and reading


def test_round_trip_keeps_unicode_and_multiline_text():
    session_id = new_session_id()
    with TranscriptWriter.create(session_id) as writer:
        first = writer.append("question", text="Why this role?", nested={"list": [1, 2.5, None]})
        second = writer.append("answer", kind="main", text=MULTILINE_ANSWER)
    loaded = load_transcript(session_id)
    assert loaded.events == [first, second]
    assert loaded.events[1]["text"] == MULTILINE_ANSWER
    assert loaded.notices == []
    assert loaded.session_id == session_id
    assert loaded.path == session_path(session_id)


def test_each_event_is_one_line_with_type_and_utc_timestamp():
    session_id = new_session_id()
    with TranscriptWriter.create(session_id) as writer:
        writer.append("answer", text=MULTILINE_ANSWER)
    raw = session_path(session_id).read_bytes()
    assert raw.count(b"\n") == 1 and raw.endswith(b"\n")
    assert "ü".encode() in raw  # ensure_ascii=False
    event = json.loads(raw)
    assert event["type"] == "answer"
    assert datetime.fromisoformat(event["at"]).utcoffset().total_seconds() == 0


def test_new_log_is_private():
    session_id = new_session_id()
    with TranscriptWriter.create(session_id) as writer:
        writer.append("session_started")
    assert stat.S_IMODE(os.stat(writer.path).st_mode) == 0o600


def test_create_refuses_an_existing_session():
    session_id = new_session_id()
    write_session(session_id, ("session_started", {}))
    before = session_path(session_id).read_bytes()
    with pytest.raises(TranscriptError, match="already exists"):
        TranscriptWriter.create(session_id)
    assert session_path(session_id).read_bytes() == before


def test_each_append_reaches_the_disk_before_returning(monkeypatch):
    synced = []
    real_fsync = os.fsync
    monkeypatch.setattr(os, "fsync", lambda fd: (synced.append(fd), real_fsync(fd)))
    writer = TranscriptWriter.create(new_session_id())
    synced.clear()
    try:
        for number in range(3):
            writer.append("question", number=number)
            with open(writer.path, encoding="utf-8") as other_handle:
                lines = other_handle.read().splitlines()
            assert [json.loads(line)["number"] for line in lines] == list(range(number + 1))
        assert len(synced) == 3
    finally:
        writer.close()


def test_appends_from_many_threads_never_interleave():
    writer = TranscriptWriter.create(new_session_id())
    barrier = threading.Barrier(8)

    def worker(thread_number: int) -> None:
        barrier.wait()
        for count in range(50):
            writer.append("critique", thread=thread_number, count=count, text="x" * 3000)

    threads = [threading.Thread(target=worker, args=(number,)) for number in range(8)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    writer.close()
    lines = writer.path.read_text(encoding="utf-8").splitlines()
    assert len(lines) == 400
    seen = {(event["thread"], event["count"]) for event in map(json.loads, lines)}
    assert seen == {(thread, count) for thread in range(8) for count in range(50)}


def test_append_after_close_and_bad_arguments_are_refused():
    writer = TranscriptWriter.create(new_session_id())
    with pytest.raises(ValueError, match="'at'"):
        writer.append("question", at="yesterday")
    with pytest.raises(TypeError):
        writer.append("question", payload=object())
    writer.close()
    writer.close()  # closing twice is harmless
    with pytest.raises(ValueError, match="closed"):
        writer.append("question")
    assert writer.path.read_bytes() == b""


# ---------------------------------------------------------------- torn and corrupt logs


def tear_last_line(session_id: str, fragment: bytes = b'{"type": "answer", "at": "2026-') -> bytes:
    """Simulate a process dying mid-write: a partial line with no newline."""
    with open(session_path(session_id), "ab") as handle:
        handle.write(fragment)
    return session_path(session_id).read_bytes()


def test_load_ignores_a_torn_last_line_with_a_notice():
    session_id = new_session_id()
    write_session(session_id, started(), main_answer())
    tear_last_line(session_id)
    loaded = load_transcript(session_id)
    assert [event["type"] for event in loaded.events] == ["session_started", "answer"]
    assert len(loaded.notices) == 1
    assert session_id in loaded.notices[0] and "torn last line" in loaded.notices[0]


def test_a_torn_multibyte_character_is_a_torn_line_too():
    session_id = new_session_id()
    write_session(session_id, started())
    tear_last_line(session_id, '{"type": "answer", "text": "é'.encode()[:-1])
    assert len(load_transcript(session_id).notices) == 1


def test_a_complete_last_event_missing_its_newline_is_kept():
    session_id = new_session_id()
    write_session(session_id, started())
    tear_last_line(session_id, b'{"type": "answer", "at": "2026-01-01T00:00:00+00:00"}')
    loaded = load_transcript(session_id)
    assert [event["type"] for event in loaded.events] == ["session_started", "answer"]
    with TranscriptWriter.reopen(session_id) as writer:
        writer.append("ended", reason="finished")
    assert [event["type"] for event in load_transcript(session_id).events][-2:] == [
        "answer",
        "ended",
    ]


def test_reopen_backs_up_the_torn_bytes_and_appends_on_a_clean_line():
    session_id = new_session_id()
    write_session(session_id, started(), main_answer())
    original = tear_last_line(session_id)
    with TranscriptWriter.reopen(session_id) as writer:
        writer.append("resumed")
    backups = list(sessions_dir().glob(f"{session_id}.jsonl.torn-*.bak"))
    assert [backup.name for backup in backups] == [f"{session_id}.jsonl.torn-1.bak"]
    assert backups[0].read_bytes() == original
    assert stat.S_IMODE(os.stat(backups[0]).st_mode) == 0o600
    loaded = load_transcript(session_id)
    assert [event["type"] for event in loaded.events] == ["session_started", "answer", "resumed"]
    assert loaded.notices == []


def test_a_second_tear_gets_its_own_backup():
    session_id = new_session_id()
    write_session(session_id, started())
    first = tear_last_line(session_id)
    TranscriptWriter.reopen(session_id).close()
    second = tear_last_line(session_id, b'{"type": "que')
    TranscriptWriter.reopen(session_id).close()
    backup = session_path(session_id).with_name
    assert backup(f"{session_id}.jsonl.torn-1.bak").read_bytes() == first
    assert backup(f"{session_id}.jsonl.torn-2.bak").read_bytes() == second


def test_writer_refuses_a_torn_log_unless_reopened():
    session_id = new_session_id()
    write_session(session_id, started())
    torn = tear_last_line(session_id)
    with pytest.raises(TranscriptError, match="incomplete"):
        TranscriptWriter(session_path(session_id))
    assert session_path(session_id).read_bytes() == torn


@pytest.mark.parametrize(
    "bad_line, problem",
    [
        (b"{not json", "not valid JSON"),
        (b"[1, 2]", "not an event"),
        (b'{"at": "x"}', "not an event"),
    ],
)
def test_a_corrupt_middle_line_is_an_error_that_names_it(bad_line, problem):
    session_id = new_session_id()
    path = session_path(session_id)
    write_session(session_id, started(), main_answer())
    with open(path, "ab") as handle:
        handle.write(bad_line + b"\n" + b'{"type": "question", "at": "t"}\n')
    before = path.read_bytes()
    with pytest.raises(TranscriptError) as caught:
        load_transcript(session_id)
    message = str(caught.value)
    assert str(path) in message and f"line 3 is {problem}" in message and "\n" not in message
    assert "left untouched" in message
    with pytest.raises(TranscriptError, match="line 3"):
        TranscriptWriter.reopen(session_id)
    with pytest.raises(TranscriptError, match="line 3"):
        TranscriptWriter(path)
    assert path.read_bytes() == before
    assert list(sessions_dir().glob("*.bak")) == []


def test_a_last_line_that_is_json_but_not_an_event_is_corruption_not_a_tear():
    session_id = new_session_id()
    write_session(session_id, started())
    tear_last_line(session_id, b'"just a string"\n')
    with pytest.raises(TranscriptError, match="line 2 is not an event"):
        load_transcript(session_id)


# ---------------------------------------------------------------- finding sessions


def test_unknown_session_is_a_helpful_error():
    with pytest.raises(TranscriptError, match="no session 'nope'.*interviewer sessions"):
        load_transcript("nope")
    with pytest.raises(TranscriptError, match="no session"):
        TranscriptWriter.reopen("nope")


def test_ids_that_could_escape_the_sessions_folder_are_refused():
    with pytest.raises(TranscriptError):
        TranscriptWriter.create("../outside")
    with pytest.raises(TranscriptError, match="no session"):
        TranscriptWriter.reopen("..")


def test_a_unique_prefix_finds_the_session_and_an_ambiguous_one_lists_matches():
    first = new_session_id(datetime(2026, 3, 1, 9, 0, 0, tzinfo=UTC))
    second = new_session_id(datetime(2026, 3, 1, 9, 5, 0, tzinfo=UTC))
    write_session(first, started(role="first"))
    write_session(second, started(role="second"))
    assert load_transcript("20260301-0900").session_id == first
    assert load_transcript(second[:15]).events[0]["profile"]["role"] == "second"
    with pytest.raises(TranscriptError) as caught:
        load_transcript("20260301")
    assert first in str(caught.value) and second in str(caught.value)
    with TranscriptWriter.reopen("20260301-0905") as writer:
        assert writer.session_id == second


def test_a_log_can_be_loaded_by_path(tmp_path):
    session_id = new_session_id()
    write_session(session_id, started())
    copy = tmp_path / "copied.jsonl"
    copy.write_bytes(session_path(session_id).read_bytes())
    for reference in (copy, str(copy)):
        loaded = load_transcript(reference)
        assert loaded.session_id == "copied" and loaded.events[0]["type"] == "session_started"
    with pytest.raises(TranscriptError, match="no session log at"):
        load_transcript(tmp_path / "missing.jsonl")


# ---------------------------------------------------------------- listing


def test_list_sessions_summarises_newest_first():
    def at(minute: int) -> str:
        return new_session_id(datetime(2026, 5, 1, 10, minute, tzinfo=UTC))

    finished, paused, interrupted, quit_, corrupt = (at(minute) for minute in range(5))
    write_session(
        finished,
        started("VP Eng", "Globex"),
        main_answer(),
        ("answer", {"kind": "follow_up"}),
        main_answer(),
        ("report", {"report": {"overall": 2.0}}),
        ("report", {"report": {"overall": 3.5}}),
        ("ended", {"reason": "finished"}),
    )
    write_session(paused, started(), main_answer(), ("paused", {}))
    write_session(interrupted, started(), ("paused", {}), ("resumed", {}), ("ended", {}))
    write_session(quit_, started(), ("ended", {"reason": "quit"}))
    write_session(corrupt, started("Head of Data", "Initech"), main_answer())
    with open(session_path(corrupt), "ab") as handle:
        handle.write(b"garbage\n{}\n")

    rows = list_sessions()
    assert [row.session_id for row in rows] == [corrupt, quit_, interrupted, paused, finished]
    by_id = {row.session_id: row for row in rows}
    assert by_id[finished].questions_answered == 2
    assert by_id[finished].overall == 3.5
    assert (by_id[finished].role, by_id[finished].company) == ("VP Eng", "Globex")
    assert by_id[finished].started_at == load_transcript(finished).events[0]["at"]
    statuses = {row.session_id: row.status for row in rows}
    assert statuses == {
        finished: "finished",
        paused: "paused",
        interrupted: "interrupted",
        quit_: "quit",
        corrupt: "corrupt",
    }
    assert by_id[corrupt].role == "Head of Data"  # what came before the damage still shows
    assert by_id[paused].overall is None


def test_list_sessions_tolerates_torn_logs_and_ignores_backups():
    session_id = new_session_id()
    write_session(session_id, started(), main_answer())
    tear_last_line(session_id)
    TranscriptWriter.reopen(session_id).close()
    tear_last_line(session_id)
    rows = list_sessions()
    assert [(row.session_id, row.status, row.questions_answered) for row in rows] == [
        (session_id, "interrupted", 1)
    ]


def test_list_sessions_with_no_sessions_folder_is_empty():
    assert not sessions_dir().exists()
    assert list_sessions() == []


# ---------------------------------------------------------------- crash


@pytest.mark.skipif(not hasattr(signal, "SIGKILL"), reason="needs SIGKILL")
def test_a_killed_process_leaves_every_appended_event_loadable():
    session_id = new_session_id()
    snippet = textwrap.dedent(
        f"""
        import os, signal
        from interviewer.session.log import TranscriptWriter
        writer = TranscriptWriter.create({session_id!r})
        writer.append("session_started", profile={{"role": "CFO"}})
        for number in range(25):
            writer.append("answer", kind="main", number=number, text="déjà vu\\n" * 50)
        os.kill(os.getpid(), signal.SIGKILL)
        """
    )
    result = subprocess.run([sys.executable, "-c", snippet], capture_output=True, timeout=30)
    assert result.returncode == -signal.SIGKILL, result.stderr.decode()
    loaded = load_transcript(session_id)
    assert loaded.notices == []
    assert [event.get("number") for event in loaded.events[1:]] == list(range(25))
    assert list_sessions()[0].questions_answered == 25
    with TranscriptWriter.reopen(session_id) as writer:
        writer.append("resumed")
    assert load_transcript(session_id).events[-1]["type"] == "resumed"


# ---------------------------------------------------------------- one schema, one status rule


def test_the_writer_stamps_the_schema_version_on_the_first_event():
    session_id = new_session_id()
    write_session(session_id, started())
    assert load_transcript(session_id).events[0]["schema"] == SCHEMA_VERSION


def test_a_log_from_a_newer_schema_is_refused_in_one_line():
    session_id = new_session_id()
    write_session(session_id, ("session_started", {"schema": SCHEMA_VERSION + 1}))
    with pytest.raises(TranscriptError, match="newer than this version reads"):
        load_transcript(session_id)


def test_a_log_without_a_schema_field_still_loads():
    session_id = new_session_id()
    event = {"type": "session_started", "at": "2026-01-01T00:00:00+00:00"}
    sessions_dir().mkdir(parents=True, exist_ok=True)
    session_path(session_id).write_text(json.dumps(event) + "\n", encoding="utf-8")
    assert load_transcript(session_id).events == [event]


def test_the_listing_and_the_interview_state_agree_on_status():
    """A live or crashed session is 'interrupted' for both readers (they once said active/interrupted)."""
    from interviewer.session.state import InterviewState

    histories = {
        "interrupted": [],
        "paused": [("paused", {})],
        "finished": [("ended", {"reason": "finished"})],
        "quit": [("ended", {"reason": "quit"})],
    }
    options = {"questions": 1, "max_follow_ups": 0, "tone": "formal", "seed": None}
    for expected, extra in histories.items():
        session_id = new_session_id()
        opening = {"session_id": session_id, "options": options, "backend": "offline"}
        write_session(session_id, ("session_started", opening), *extra)
        (row,) = [r for r in list_sessions() if r.session_id == session_id]
        state = InterviewState.from_events(load_transcript(session_id).events)
        assert row.status == state.status == expected
