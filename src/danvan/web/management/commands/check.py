"""`danvan check`: Django's system checks, preceded by a status report.

The report says which settings and database are in use and which optional
tools are present, and what is degraded without each one.
"""

from __future__ import annotations

from django.conf import settings
from django.core.management.commands.check import Command as DjangoCheck
from django.db import connection
from django.db.migrations.executor import MigrationExecutor

from danvan.web.tools import all_tools


class Command(DjangoCheck):
    help = "Kiểm tra cấu hình, cơ sở dữ liệu và các công cụ tùy chọn (LibreOffice, Tesseract)."

    def handle(self, *app_labels, **options):
        self._report()
        return super().handle(*app_labels, **options)

    def _line(self, ok: bool, text: str) -> None:
        mark = self.style.SUCCESS("[có]   ") if ok else self.style.WARNING("[không]")
        self.stdout.write(f"  {mark} {text}")

    def _report(self) -> None:
        w = self.stdout.write
        w("Cấu hình (settings):")
        w(f"  DEBUG={settings.DEBUG}  DANVAN_DATA_DIR={settings.DATA_DIR}")
        w(f"  ALLOWED_HOSTS={','.join(settings.ALLOWED_HOSTS)}")
        db = settings.DATABASES["default"]
        w("Cơ sở dữ liệu (database):")
        try:
            with connection.cursor() as cursor:
                cursor.execute("SELECT 1")
            executor = MigrationExecutor(connection)
            pending = executor.migration_plan(executor.loader.graph.leaf_nodes())
            self._line(True, f"{connection.vendor} {db.get('NAME')} – kết nối được")
            self._line(
                not pending,
                "đã cập nhật cấu trúc (migrations)"
                if not pending
                else f"còn {len(pending)} migration chưa chạy: hãy chạy `danvan migrate`",
            )
        except Exception as exc:  # the report must survive a broken database
            self._line(False, f"{connection.vendor} {db.get('NAME')} – không kết nối được: {exc}")
        w("Công cụ tùy chọn (optional tools):")
        for tool in all_tools():
            self._line(tool.present, f"{tool.name}: {tool.detail}")
            if not tool.present:
                w(f"           → {tool.degraded}")
