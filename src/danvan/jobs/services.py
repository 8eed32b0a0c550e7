"""Starting, running and watching jobs.

How a job runs: `start()` writes the Job row and enqueues the django-tasks
task `run_job(job_id)` in the same transaction. A worker (`danvan worker`)
claims the task (row lock, SKIP LOCKED on PostgreSQL), then `execute()` claims
the job with a conditional UPDATE (status queued → running, lease set): only
one process ever holds a job. Every later write of that run is fenced on
(worker, attempt), so a worker that lost its lease can no longer finish the job.

The lease is renewed by progress reports and by the worker's housekeeping
thread; when a worker dies (SIGKILL, power loss) its lease runs out and
`reap()` (run by every worker) queues the job again. Transient failures
(TransientError, a lost database connection) are retried with exponential
backoff up to the kind's max_attempts.
"""

from __future__ import annotations

import logging
import os
import socket
import time
import uuid
from collections.abc import Callable
from dataclasses import dataclass, field
from datetime import timedelta
from typing import Any

from django.apps import apps
from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import DatabaseError, InterfaceError, OperationalError, connection, transaction
from django.db.models import Count, F, Q, QuerySet, Value
from django.db.models.functions import Coalesce
from django.http import Http404
from django.utils import timezone
from django_tasks import task_backends

from danvan.accounts.access import is_global_admin, unit_q
from danvan.audit import services as audit
from danvan.core.errors import DomainError

from . import files, registry
from .models import FINISHED, Job, JobStatus

log = logging.getLogger("danvan.jobs")

UNEXPECTED = "Lỗi không mong đợi khi chạy công việc; đã ghi nhật ký để quản trị kiểm tra."
MISSING_FILE = "Không tìm thấy tệp đầu vào (tệp đã bị xoá hoặc di chuyển trước khi xử lý)."
DB_LOST = "Mất kết nối tới cơ sở dữ liệu."
DIED = "Tiến trình xử lý bị dừng đột ngột"
RESUME = "resume_after_children"


class TransientError(Exception):
    """A failure worth retrying later (a busy service, a lost connection). Vietnamese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class LeaseLost(Exception):
    """Another worker took this job over (ours was presumed dead): stop quietly."""


_worker_id = ""


def worker_id() -> str:
    return _worker_id or f"{socket.gethostname()}:{os.getpid()}"


def set_worker_id(value: str) -> None:
    global _worker_id
    _worker_id = value


def lease() -> timedelta:
    return timedelta(seconds=settings.DANVAN_JOB_LEASE_S)


def backoff(attempt: int) -> float:
    """Seconds before attempt `attempt + 1`: base, 4×base, 16×base…"""
    return float(settings.DANVAN_JOB_BACKOFF_S) * (4 ** max(0, attempt - 1))


# --- starting ------------------------------------------------------------------


def start(
    kind: str,
    *,
    user=None,
    unit=None,
    params: dict[str, Any] | None = None,
    title: str = "",
    key: str = "",
    parent: Job | None = None,
    total: int = 0,
) -> Job:
    """Queue a job and return it. With a `key`, an unfinished job of the same kind
    and key (or a succeeded one, for kinds that reuse results) is returned instead."""
    spec = registry.get(kind)
    with transaction.atomic():
        if key:
            statuses = [JobStatus.QUEUED, JobStatus.RUNNING, JobStatus.WAITING]
            if spec.reuse_succeeded:
                statuses.append(JobStatus.SUCCEEDED)
            same = Job.objects.filter(kind=kind, key=key, status__in=statuses)
            if parent is not None:
                # A re-run parent finds the child it made before, whatever its state.
                same = Job.objects.filter(kind=kind, key=key, parent=parent)
            existing = same.order_by("-pk").first()
            if existing is not None:
                return existing
        job = Job.objects.create(
            kind=kind,
            title=(title or spec.label)[:300],
            owner=audit.author(user),
            unit=unit,
            parent=parent,
            params=params or {},
            key=key,
            total=total,
            max_attempts=spec.max_attempts,
        )
        _enqueue(job)
    job.refresh_from_db()
    return job


def _enqueue(job: Job, delay: float = 0) -> None:
    # tasks.py runs jobs through this module: importing it at load time would be a circle
    from .tasks import run_job

    alias = settings.DANVAN_JOBS_BACKEND
    task = run_job.using(backend=alias)
    if delay > 0 and task_backends[alias].supports_defer:
        task = task.using(run_after=timezone.now() + timedelta(seconds=delay))
    result = task.enqueue(job.pk)
    try:
        task_id: uuid.UUID | None = uuid.UUID(str(result.id))
    except ValueError:  # the immediate backend's ids are not UUIDs (and it already ran)
        task_id = None
    Job.objects.filter(pk=job.pk).update(task_id=task_id)


# --- running -------------------------------------------------------------------


@dataclass
class JobContext:
    """What a job kind's function gets: the job, its parameters, and ways to report."""

    job: Job
    waiting: bool = False
    preset: dict[str, Any] = field(default_factory=dict)

    @property
    def params(self) -> dict[str, Any]:
        return self.job.params

    @property
    def user(self):
        return self.job.owner

    @property
    def unit(self):
        return self.job.unit

    def progress(self, done: int, total: int | None = None, step: str | None = None) -> None:
        """Record progress (and renew the lease). Raises LeaseLost if the job was taken over."""
        values: dict[str, Any] = {"done": done, **_lease_values()}
        if total is not None:
            values["total"] = total
        if step is not None:
            values["step"] = step[:300]
        if not _fenced(self.job).update(**values):
            raise LeaseLost(self.job.pk)
        self.job.done = done
        if total is not None:
            self.job.total = total

    def checkpoint(self, **data: Any) -> None:
        """Save what a step made (e.g. the id of a file) in the job's result, so a re-run
        after a crash finds it instead of making it again. Call it inside the step's
        transaction to make the two atomic."""
        merged = {**(self.job.result or {}), **data}
        if not _fenced(self.job).update(result=merged, **_lease_values()):
            raise LeaseLost(self.job.pk)
        self.job.result = merged

    def save_file(self, name: str, data: bytes) -> str:
        """Keep a file the job made (replacing one of the same name); its download URL."""
        return files.save(self.job.pk, name, data)

    def save_zip(self, name: str, members: list[str]) -> str:
        """Zip files this job saved; the zip's download URL."""
        return files.save_zip(self.job.pk, name, members)

    def throttled(self, every: float = 1.0) -> Callable[[int, int, str], bool]:
        """``progress`` for fast, frequent reports (a reader's pages): written at most once
        every ``every`` seconds, and always for the last one (done == total). The
        callable says whether it wrote."""
        last = -every

        def report(done: int, total: int, step: str) -> bool:
            nonlocal last
            now = time.monotonic()
            if done < total and now - last < every:
                return False
            last = now
            self.progress(done, total, step)
            return True

        return report

    def has_file(self, name: str) -> bool:
        """Whether an earlier run already made this file (idempotent steps skip it)."""
        return files.exists(self.job.pk, name)

    def spawn(self, kind: str, *, params: dict[str, Any], title: str, key: str) -> Job:
        """A child job (run by any worker, in parallel); `key` makes re-runs find it again."""
        return start(
            kind,
            user=self.job.owner,
            unit=self.job.unit,
            params=params,
            title=title,
            key=key,
            parent=self.job,
        )

    def wait_for_children(self, result: dict[str, Any] | None = None, resume: bool = False) -> None:
        """End this run; the job finishes when its last child does (result merged then).
        With ``resume``, the job is queued again then instead, to go on with what its
        children made (it finds them again by their keys)."""
        self.waiting = True
        self.preset = {**(result or {}), RESUME: True} if resume else (result or {})


def _lease_values() -> dict[str, Any]:
    now = timezone.now()
    return {"lease_until": now + lease(), "heartbeat_at": now}


def _fenced(job: Job) -> QuerySet[Job]:
    return Job.objects.filter(
        pk=job.pk, status=JobStatus.RUNNING, worker=job.worker, attempts=job.attempts
    )


def execute(job_id: int) -> str:
    """Run one attempt of a job (called by the task). Returns what happened."""
    now = timezone.now()
    me = worker_id()
    claimed = Job.objects.filter(pk=job_id, status=JobStatus.QUEUED).update(
        status=JobStatus.RUNNING,
        worker=me,
        attempts=F("attempts") + 1,
        started_at=Coalesce("started_at", Value(now)),
        error="",
        **_lease_values(),
    )
    if not claimed:
        return "skipped"  # finished, or held by another worker
    job = Job.objects.select_related("owner", "unit").get(pk=job_id)
    ctx = JobContext(job)
    try:
        result = registry.get(job.kind).run(ctx)
    except LeaseLost:
        log.warning("job %s: lease lost by %s, stopping", job_id, me)
        return "lost"
    except TransientError as exc:
        return _record(_retry_or_fail, job, exc.message)
    except (OperationalError, InterfaceError) as exc:
        log.warning("job %s: database error, will retry: %s", job_id, exc)
        _reset_connection()
        return _record(_retry_or_fail, job, DB_LOST)
    except DomainError as exc:
        return _record(_fail, job, exc.message)
    except (PermissionDenied, Http404) as exc:
        return _record(_fail, job, str(exc) or "Bạn không có quyền thực hiện công việc này.")
    except FileNotFoundError:
        return _record(_fail, job, MISSING_FILE)
    except Exception:
        log.exception("job %s (%s) failed", job_id, job.kind)
        _reset_connection()
        return _record(_fail, job, UNEXPECTED)
    if ctx.waiting:
        return _record(_wait, job, ctx.preset)
    return _record(_succeed, job, result or {})


def _record(write: Callable[..., str], job: Job, value: Any) -> str:
    """Write how a run ended, waiting out a short database outage (a restart):
    giving up would leave the job to be run again, after its lease, for work
    already done. Past half the lease another worker may take the job over, and
    the fenced writes make this run's late outcome count for nothing."""
    deadline = time.monotonic() + lease().total_seconds() / 2
    pause = 0.5
    while True:
        try:
            return write(job, value)
        except (OperationalError, InterfaceError) as exc:
            if time.monotonic() > deadline:
                raise
            log.warning("job %s: database unavailable, recording again: %s", job.pk, exc)
            _reset_connection()
            time.sleep(pause)
            pause = min(pause * 2, 5.0)


def _reset_connection() -> None:
    # Outside a transaction a broken connection is dropped so the next query reconnects.
    if not connection.in_atomic_block:
        try:
            connection.close_if_unusable_or_obsolete()
        except DatabaseError:
            pass


def _finish(job: Job, status: JobStatus, **fields: Any) -> str:
    """Close the job with a final status if this run still holds it; a child's
    end may settle its parent. Returns the status, or "lost"."""
    updated = _fenced(job).update(
        status=status, step="", finished_at=timezone.now(), lease_until=None, **fields
    )
    if updated and job.parent_id:
        settle_parent(job.parent_id)
    return status.value if updated else "lost"


def _succeed(job: Job, result: dict[str, Any]) -> str:
    return _finish(job, JobStatus.SUCCEEDED, result=result, done=F("total"))


def _fail(job: Job, message: str) -> str:
    return _finish(job, JobStatus.FAILED, error=message)


def _retry_or_fail(job: Job, message: str) -> str:
    if job.attempts >= job.max_attempts:
        return _fail(job, f"{message} Đã thử {job.attempts} lần không thành công.")
    delay = backoff(job.attempts)
    with transaction.atomic():
        updated = _fenced(job).update(
            status=JobStatus.QUEUED,
            worker="",
            lease_until=None,
            step=f"{message} Sẽ thử lại (lần {job.attempts + 1}) sau {delay:g} giây.",
        )
        if updated:
            _enqueue(job, delay)
    return "retry" if updated else "lost"


def _wait(job: Job, preset: dict[str, Any]) -> str:
    children = Job.objects.filter(parent=job).count()
    updated = _fenced(job).update(
        status=JobStatus.WAITING, total=children, result=preset, worker="", lease_until=None
    )
    if updated:
        settle_parent(job.pk)
    return "waiting" if updated else "lost"


def settle_parent(parent_id: int) -> None:
    """Count a waiting job's finished children; finish it when the last one is done."""
    counts = dict(
        Job.objects.filter(parent_id=parent_id)
        .values_list("status")
        .annotate(n=Count("pk"))
        .values_list("status", "n")
    )
    total = sum(counts.values())
    finished = sum(counts.get(s, 0) for s in FINISHED)
    Job.objects.filter(pk=parent_id, status=JobStatus.WAITING).update(done=finished)
    if finished < total:
        return
    failed = counts.get(JobStatus.FAILED, 0)
    parent = Job.objects.filter(pk=parent_id, status=JobStatus.WAITING).first()
    if parent is None:
        return
    if parent.result.get(RESUME):
        _resume(parent)
        return
    result = {**parent.result, "children": total, "failed": failed}
    values: dict[str, Any] = {"result": result, "finished_at": timezone.now(), "step": ""}
    if total and failed == total:
        values.update(status=JobStatus.FAILED, error=f"Cả {total} phần việc đều lỗi.")
    else:
        values["status"] = JobStatus.SUCCEEDED
    Job.objects.filter(pk=parent_id, status=JobStatus.WAITING).update(**values)


def _resume(parent: Job) -> None:
    """Queue a job that waited for its children again (not counted as a new attempt)."""
    with transaction.atomic():
        updated = Job.objects.filter(pk=parent.pk, status=JobStatus.WAITING).update(
            status=JobStatus.QUEUED,
            attempts=F("attempts") - 1,
            result={k: v for k, v in parent.result.items() if k != RESUME},
            step="Các phần việc đã xong; đang chờ chạy tiếp.",
        )
        if updated:
            _enqueue(parent)


# --- keeping leases and taking over dead workers' jobs ----------------------------


def renew_leases(worker: str) -> int:
    return Job.objects.filter(status=JobStatus.RUNNING, worker=worker).update(**_lease_values())


def reap(limit: int = 100) -> int:
    """Queue again (or fail, after max_attempts) the jobs whose worker stopped renewing."""
    now = timezone.now()
    stale = list(
        Job.objects.filter(status=JobStatus.RUNNING, lease_until__lt=now).values_list(
            "pk", "attempts", "max_attempts", "task_id", "worker"
        )[:limit]
    )
    count = 0
    for pk, attempts, max_attempts, task_id, worker in stale:
        same = Job.objects.filter(
            pk=pk, status=JobStatus.RUNNING, attempts=attempts, lease_until__lt=now
        )
        with transaction.atomic():
            if attempts >= max_attempts:
                updated = same.update(
                    status=JobStatus.FAILED,
                    error=f"{DIED} {attempts} lần; công việc đã dừng. Hãy thử lại sau.",
                    finished_at=now,
                    lease_until=None,
                    step="",
                )
            else:
                updated = same.update(
                    status=JobStatus.QUEUED,
                    worker="",
                    lease_until=None,
                    step=f"{DIED}; đang chờ chạy lại.",
                )
                if updated:
                    _enqueue(Job(pk=pk))
            if updated:
                _close_task(task_id, f"lease expired (worker {worker})")
        if updated:
            log.warning("job %s: worker %s stopped renewing its lease; %s", pk, worker, "reaped")
            count += 1
            parent_id = Job.objects.filter(pk=pk).values_list("parent_id", flat=True).first()
            if parent_id and attempts >= max_attempts:
                settle_parent(parent_id)
    return count + _requeue_orphans(now)


def _requeue_orphans(now) -> int:
    """Queued jobs whose task was taken by a worker that died before claiming the job."""
    tasks = _task_model()
    if tasks is None:
        return 0
    dead = tasks.objects.filter(
        Q(status="RUNNING", started_at__lt=now - lease()) | Q(status__in=["SUCCESSFUL", "FAILED"])
    ).values("id")
    orphans = Job.objects.filter(
        status=JobStatus.QUEUED, task_id__in=dead, created_at__lt=now - lease()
    ).values_list("pk", "task_id")[:100]
    count = 0
    for pk, task_id in orphans:
        with transaction.atomic():
            updated = Job.objects.filter(pk=pk, status=JobStatus.QUEUED, task_id=task_id).update(
                step="Đang chờ chạy lại."
            )
            if updated:
                _enqueue(Job(pk=pk))
                _close_task(task_id, "job re-queued")
                count += 1
    return count


def _task_model():
    try:
        return apps.get_model("django_tasks_db", "DBTaskResult")
    except LookupError:
        return None


def _close_task(task_id, why: str) -> None:
    tasks = _task_model()
    if tasks is None or task_id is None:
        return
    tasks.objects.filter(id=task_id, status="RUNNING").update(
        status="FAILED",
        finished_at=timezone.now(),
        exception_class_path="danvan.jobs.services.LeaseLost",
        traceback=why,
    )


# --- reading -------------------------------------------------------------------


def jobs_for_user(user) -> QuerySet[Job]:
    """The jobs a person may see: their own, and those of units in their scope."""
    qs = Job.objects.select_related("owner", "unit")
    if is_global_admin(user):
        return qs
    if not getattr(user, "is_authenticated", False):
        return qs.none()
    q = Q(owner=user)
    scoped = unit_q(user, "view", "unit")
    if scoped is not None:
        q |= scoped
    return qs.filter(q)


def get_job_for_user(user, pk) -> Job:
    try:
        return jobs_for_user(user).get(pk=pk)
    except (Job.DoesNotExist, ValueError, TypeError):
        raise Http404("Không tìm thấy công việc hoặc bạn không có quyền xem.") from None


def get_job(pk) -> Job:
    """The command line (the server's operator): any job."""
    try:
        return Job.objects.select_related("owner", "unit").get(pk=int(pk))
    except (Job.DoesNotExist, ValueError, TypeError):
        raise DomainError(f"Không có công việc số {pk}.") from None


def describe(job: Job) -> dict[str, Any]:
    """The JSON shape `danvan jobs --format json` prints (and the API could)."""
    return {
        "id": job.pk,
        "kind": job.kind,
        "title": job.title,
        "status": job.status,
        "status_label": job.get_status_display(),
        "done": job.done,
        "total": job.total,
        "percent": job.percent,
        "step": job.step,
        "result": job.result,
        "error": job.error,
        "owner": job.owner.username if job.owner else None,
        "unit": job.unit.name if job.unit else None,
        "parent": job.parent_id,
        "attempts": job.attempts,
        "worker": job.worker,
        "created_at": job.created_at.isoformat() if job.created_at else None,
        "started_at": job.started_at.isoformat() if job.started_at else None,
        "finished_at": job.finished_at.isoformat() if job.finished_at else None,
        "children": [
            {
                "id": c.pk,
                "title": c.title,
                "status": c.status,
                "attempts": c.attempts,
                "error": c.error,
                "result": c.result,
            }
            for c in job.children.order_by("pk")[:1000]
        ],
    }
