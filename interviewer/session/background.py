"""Run grading jobs beside the conversation, so a slow grader never makes the candidate wait.

Jobs run on daemon threads, a few at a time: an interview that is paused or interrupted can exit
at once, and whatever was not graded is graded again on resume.
"""

import threading
import time
from collections.abc import Callable

DEFAULT_WORKERS = 2


class BackgroundJobs:
    def __init__(self, *, workers: int = DEFAULT_WORKERS) -> None:
        self._slots = threading.Semaphore(workers)
        self._threads: list[threading.Thread] = []

    def submit(self, job: Callable[[], None]) -> None:
        thread = threading.Thread(target=self._run, args=(job,), daemon=True, name="grading")
        self._threads.append(thread)
        thread.start()

    def pending(self) -> int:
        return sum(thread.is_alive() for thread in self._threads)

    def wait(self, timeout: float | None = None) -> bool:
        """Wait for every job (up to `timeout` seconds in all); True when none is left running."""
        deadline = None if timeout is None else time.monotonic() + timeout
        for thread in self._threads:
            thread.join(None if deadline is None else max(0.0, deadline - time.monotonic()))
        return self.pending() == 0

    def _run(self, job: Callable[[], None]) -> None:
        with self._slots:
            job()
