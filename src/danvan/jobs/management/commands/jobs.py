"""`danvan jobs [ID] [--format json]`: the state and progress of background jobs."""

from __future__ import annotations

import json

from django.core.management.base import BaseCommand, CommandError

from danvan.core.errors import DomainError
from danvan.jobs import services
from danvan.jobs.models import Job, JobStatus


class Command(BaseCommand):
    help = "Xem trạng thái và tiến độ các công việc nền (một công việc nếu có ID)."

    def add_arguments(self, parser):
        parser.add_argument("id", nargs="?", help="số hiệu công việc")
        parser.add_argument("--format", choices=["text", "json"], default="text")
        parser.add_argument(
            "--status", choices=[s.value for s in JobStatus], help="chỉ các việc ở trạng thái này"
        )
        parser.add_argument("--limit", type=int, default=30, help="số dòng tối đa (mặc định 30)")

    def handle(self, *args, **options):
        if options["id"]:
            try:
                jobs = [services.get_job(options["id"])]
            except DomainError as exc:
                raise CommandError(exc.message)
        else:
            qs = Job.objects.select_related("owner", "unit").filter(parent__isnull=True)
            if options["status"]:
                qs = qs.filter(status=options["status"])
            jobs = list(qs[: max(1, options["limit"])])
        if options["format"] == "json":
            data = [services.describe(j) for j in jobs]
            out = data[0] if options["id"] else data
            self.stdout.write(json.dumps(out, ensure_ascii=False, indent=2))
            return
        if not jobs:
            self.stdout.write("Chưa có công việc nào.")
        for job in jobs:
            self.stdout.write(_line(job))
            if options["id"]:
                self._detail(job)

    def _detail(self, job: Job) -> None:
        who = job.owner.username if job.owner else "dòng lệnh"
        self.stdout.write(f"  người khởi tạo: {who}; lần chạy: {job.attempts}/{job.max_attempts}")
        if job.step:
            self.stdout.write(f"  bước: {job.step}")
        if job.error:
            self.stdout.write(f"  lỗi: {job.error}")
        for key, value in job.result.items():
            self.stdout.write(f"  {key}: {value}")
        children = job.children.all()
        for child in children[:50]:
            self.stdout.write("  " + _line(child))


def _line(job: Job) -> str:
    progress = f"{job.done}/{job.total}" if job.total else ""
    parts = [f"#{job.pk}", job.get_status_display(), progress, job.title]
    if job.error:
        parts.append(f"– {job.error}")
    elif job.step and not job.finished:
        parts.append(f"· {job.step}")
    return " ".join(p for p in parts if p)
