"""`danvan rollups --check | --rebuild`: the branch sums the roll-ups read.

They are kept by every write of a value; `--check` compares them with the
values, `--rebuild` recomputes them (after loading values behind the
services' back, e.g. a restore of the values table alone)."""

from __future__ import annotations

from django.core.management.base import BaseCommand, CommandError

from danvan.reporting.services import subtree_sums


class Command(BaseCommand):
    help = "Kiểm tra (--check) hoặc tính lại (--rebuild) bảng tổng hợp số liệu theo nhánh."

    def add_arguments(self, parser):
        parser.add_argument("--check", action="store_true", help="so với số liệu, không sửa gì")
        parser.add_argument("--rebuild", action="store_true", help="tính lại toàn bộ")

    def handle(self, *args, **o):
        if o["rebuild"]:
            rows = subtree_sums.rebuild()
            self.stdout.write(f"Đã tính lại {rows} dòng tổng hợp theo nhánh.")
        elif o["check"]:
            kept, right = subtree_sums.stored(), subtree_sums.computed()
            wrong = {k for k in kept.keys() | right.keys() if kept.get(k) != right.get(k)}
            if wrong:
                self.stdout.write(
                    f"Bảng tổng hợp không khớp số liệu ở {len(wrong)} dòng; "
                    "chạy “danvan rollups --rebuild” để tính lại."
                )
            else:
                self.stdout.write(f"Bảng tổng hợp khớp số liệu ({len(kept)} dòng).")
        else:
            raise CommandError("Chọn --check hoặc --rebuild.")
