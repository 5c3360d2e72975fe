"""Background grading jobs: a bounded wait is bounded in all, not per job."""

import threading
import time

from interviewer.session.background import BackgroundJobs


def test_wait_timeout_covers_all_jobs_together():
    release = threading.Event()
    jobs = BackgroundJobs(workers=4)
    for _ in range(4):
        jobs.submit(release.wait)
    started = time.monotonic()
    finished = jobs.wait(1.0)
    waited = time.monotonic() - started
    release.set()
    assert not finished
    assert waited < 2.0, f"wait(1.0) over 4 stuck jobs took {waited:.1f} s"
    assert jobs.wait(5.0) and jobs.pending() == 0


def test_wait_returns_true_once_every_job_ran():
    done: list[int] = []
    jobs = BackgroundJobs(workers=2)
    for number in range(5):
        jobs.submit(lambda number=number: done.append(number))
    assert jobs.wait(5.0)
    assert sorted(done) == [0, 1, 2, 3, 4]
