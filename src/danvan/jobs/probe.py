"""A probe job for checking the queue itself (benchmarks, fault drills, `danvan check`).

It appends its job id to a log file when it runs to completion, so counting the
lines afterwards shows whether any job was lost or run twice — across worker
processes and machines sharing one folder."""

from __future__ import annotations

import os
import time

from . import registry, services


@registry.kind("probe", "Kiểm tra hàng đợi", max_attempts=5)
def probe(ctx: services.JobContext) -> dict:
    seconds = float(ctx.params.get("sleep") or 0)
    if seconds > 0:
        ctx.progress(0, 1, "Đang chạy thử")
        time.sleep(min(seconds, 60))
    log = ctx.params.get("log")
    if log:
        # One small O_APPEND write per run: whole lines even with many writers.
        fd = os.open(log, os.O_WRONLY | os.O_APPEND | os.O_CREAT, 0o644)
        try:
            os.write(fd, f"{ctx.job.pk}\n".encode())
        finally:
            os.close(fd)
    return {"message": "Đã chạy."}
