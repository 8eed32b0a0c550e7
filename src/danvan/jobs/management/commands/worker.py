"""`danvan worker [--concurrency N]`: run background jobs until stopped (Ctrl-C)."""

from __future__ import annotations

import os
import socket
import sys

from django.core.management.base import BaseCommand, CommandError

from danvan.jobs import worker


class Command(BaseCommand):
    help = (
        "Chạy tiến trình xử lý công việc nền (nạp văn bản, nhận dạng chữ, xuất báo cáo...). "
        "Có thể chạy nhiều tiến trình trên nhiều máy dùng chung một cơ sở dữ liệu PostgreSQL."
    )

    def add_arguments(self, parser):
        parser.add_argument(
            "--concurrency", type=int, default=1, help="số tiến trình xử lý song song (mặc định 1)"
        )
        parser.add_argument(
            "--interval", type=float, default=1.0, help="số giây chờ khi hàng đợi trống"
        )
        parser.add_argument("--batch", action="store_true", help="xử lý hết hàng đợi rồi dừng")
        parser.add_argument("--max-tasks", type=int, default=None, help="dừng sau N việc")
        parser.add_argument("--worker-id", default="", help="tên tiến trình (duy nhất)")

    def handle(self, *args, **options):
        count = options["concurrency"]
        if count < 1 or count > 64:
            raise CommandError("--concurrency phải từ 1 đến 64.")
        base = options["worker_id"] or f"{socket.gethostname()}-{os.getpid()}"
        if count == 1:
            worker.run_process(
                base[:64],
                interval=options["interval"],
                batch=options["batch"],
                max_tasks=options["max_tasks"],
            )
            return
        command = [sys.executable, "-m", "danvan.cli", "worker", "--concurrency", "1"]
        command += ["--interval", str(options["interval"])]
        if options["batch"]:
            command.append("--batch")
        if options["max_tasks"]:
            command += ["--max-tasks", str(options["max_tasks"])]
        self.stdout.write(f"Chạy {count} tiến trình xử lý công việc nền (Ctrl-C để dừng).")
        raise SystemExit(worker.supervise(command, count, base[:60]))
