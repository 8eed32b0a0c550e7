"""`danvan citizen_reminders`: queue today's petition deadline reminders (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.citizens.jobs import start_citizen_reminders


class Command(BaseCommand):
    help = "Nhắc hạn xử lý đơn thư qua hàng đợi công việc (chạy hằng ngày)."

    def handle(self, *args, **options):
        job = start_citizen_reminders()
        self.stdout.write(f"Đã đưa vào hàng đợi: {job.title} (công việc #{job.pk}).")
