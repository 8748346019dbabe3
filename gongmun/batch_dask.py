"""The batch on a dask.distributed cluster: workers compute records, this client writes them.

Workers read each input by its path (a shared filesystem) or, with `send_bytes`, get its
bytes from the client (workers that cannot see IN_DIR). The client keeps a bounded number
of tasks in flight, so neither its memory nor the scheduler's grows with the corpus, and it
alone writes records and the manifest, exactly as with the local pool.
"""

from __future__ import annotations

import contextlib
import uuid
from collections import deque
from collections.abc import Iterator, Sequence
from typing import Any

from distributed import Client, LocalCluster, WorkerPlugin, as_completed

from gongmun.batch import Done, Task, failure, process_task, warm_up
from gongmun.extract.errors import ExtractError
from gongmun.extract.limits import Limits
from gongmun.extract.scan import OcrMode

TASKS_PER_THREAD = 3  # in flight per worker thread: enough to hide the client's writes


class WarmUp(WorkerPlugin):
    """Load the heavy models (Kiwi, spaCy) once per worker process, when it joins."""

    def __init__(self, correct: bool) -> None:
        self.correct = correct

    def setup(self, worker: Any) -> None:
        warm_up(self.correct)


class DaskExecutor:
    def __init__(self, scheduler: str | None, workers: int, send_bytes: bool,
                 correct: bool, limits: Limits | None = None,
                 ocr: OcrMode = "auto") -> None:
        self.scheduler, self.workers = scheduler, workers
        self.send_bytes, self.correct = send_bytes, correct
        # Data limits only: tasks run in worker threads, where no time limit can interrupt
        # them (the batch refuses --timeout with dask) and an rlimit would cap the worker.
        self.limits = limits or Limits(timeout_s=None, memory_mb=None)
        self.ocr = ocr

    @contextlib.contextmanager
    def client(self) -> Iterator[Client]:
        if self.scheduler:
            with Client(self.scheduler) as client:
                yield client
            return
        # No address: a local cluster of processes, one thread each (the pipeline is
        # CPU-bound Python; threads would share one GIL).
        with LocalCluster(n_workers=self.workers, threads_per_worker=1, processes=True,
                          dashboard_address=":0") as cluster, Client(cluster) as client:
            yield client

    def run(self, tasks: Sequence[Task], done: Done) -> None:
        if not tasks:
            return
        with self.client() as client:
            client.register_plugin(WarmUp(self.correct), name="gongmun-warm-up")
            self._run(client, deque(tasks), done)

    def _run(self, client: Client, queue: deque[Task], done: Done) -> None:
        threads = sum(client.nthreads().values()) or self.workers
        in_flight = as_completed()
        running: dict[str, Task] = {}
        for _ in range(TASKS_PER_THREAD * threads):
            self._submit_next(client, queue, running, in_flight, done)
        for future in in_flight:
            task = running.pop(future.key)
            if future.status == "finished":
                done(task, future.result())
            else:  # the worker died or the scheduler gave up (KilledWorker)
                done(task, failure(task, f"worker error: {future.exception()}"))
            future.release()
            self._submit_next(client, queue, running, in_flight, done)

    def _submit_next(self, client: Client, queue: deque[Task], running: dict[str, Task],
                     in_flight: as_completed, done: Done) -> None:
        while queue:
            task = queue.popleft()
            data = None
            if self.send_bytes:
                try:
                    from gongmun.extract import read_file

                    data = read_file(task.path)
                except ExtractError as err:  # unreadable on the client: no task to send
                    done(task, failure(task, str(err), kind=err.kind))
                    continue
            key = f"gongmun-{uuid.uuid4().hex}"
            future = client.submit(process_task, task, self.correct, self.limits, data, self.ocr,
                                   key=key, pure=False)
            running[key] = task
            in_flight.add(future)
            return
