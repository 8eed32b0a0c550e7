"""`danvan worker`: django-tasks-db's worker loop plus what it lacks.

Around the upstream `Worker` (which claims task rows with SKIP LOCKED) this adds,
per process, a housekeeping thread that renews the leases of the job it runs
and queues again the jobs of workers that died (`services.reap`). With
`--concurrency N` a small supervisor starts N such processes and starts a
process again if it dies (a lost database, a crash), after a short pause.
"""

from __future__ import annotations

import logging
import signal
import subprocess
import sys
import threading
import time

from django.db import DatabaseError, close_old_connections, connection
from django_tasks_db.management.commands.db_worker import Worker

from . import services

log = logging.getLogger("danvan.jobs")


class Housekeeper(threading.Thread):
    def __init__(self, worker: str, every: float) -> None:
        super().__init__(name="danvan-jobs-housekeeper", daemon=True)
        self.worker = worker
        self.every = every
        self.stop = threading.Event()

    def run(self) -> None:
        while not self.stop.wait(self.every):
            try:
                services.renew_leases(self.worker)
                services.reap()
            except DatabaseError as exc:
                log.warning("housekeeping: database unavailable: %s", exc)
            finally:
                connection.close()


def run_process(worker_id: str, *, interval: float, batch: bool, max_tasks: int | None) -> None:
    """One worker process: the upstream loop, with leases kept and dead jobs reaped."""
    services.set_worker_id(worker_id)
    close_old_connections()
    services.reap()  # jobs of a worker that died before this one started
    keeper = Housekeeper(worker_id, every=max(0.5, services.lease().total_seconds() / 3))
    keeper.start()
    worker = Worker(
        queue_names=["default"],
        interval=interval,
        batch=batch,
        backend_name="default",
        startup_delay=not batch,
        max_tasks=max_tasks,
        worker_id=worker_id,
        excluded_queue_names=[],
    )
    worker.configure_signals()
    try:
        worker.run()
    finally:
        keeper.stop.set()


def supervise(command: list[str], count: int, base_id: str, restart_pause: float = 2.0) -> int:
    """Run `count` worker processes; restart one that dies; stop all on SIGINT/SIGTERM."""
    children: dict[int, subprocess.Popen] = {}
    stopping = False
    batch = "--batch" in command

    def spawn(i: int) -> None:
        children[i] = subprocess.Popen([*command, "--worker-id", f"{base_id}-{i}"])

    def stop(signum, frame) -> None:
        nonlocal stopping
        stopping = True
        for proc in children.values():
            if proc.poll() is None:
                proc.send_signal(signal.SIGTERM)

    signal.signal(signal.SIGINT, stop)
    signal.signal(signal.SIGTERM, stop)
    for i in range(count):
        spawn(i)
    while True:
        time.sleep(0.5)
        for i, proc in list(children.items()):
            code = proc.poll()
            if code is None or stopping or (batch and code == 0):
                continue
            log.warning("worker %s-%s exited with %s; starting it again", base_id, i, code)
            time.sleep(restart_pause)
            if not stopping:
                spawn(i)
        if stopping:
            for proc in children.values():
                try:
                    proc.wait(timeout=30)
                except subprocess.TimeoutExpired:
                    proc.kill()
            return 0
        if batch and all(p.poll() == 0 for p in children.values()):
            return 0
        sys.stdout.flush()
