"""`danvan reminders`: record today's deadline reminders and e-mail them (run daily)."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.reporting.services import send_reminders


class Command(BaseCommand):
    help = "Nhắc hạn báo cáo: ghi nhắc trong hệ thống và gửi thư điện tử (chạy hằng ngày)."

    def handle(self, *args, **options):
        made = send_reminders()
        emailed = sum(1 for r in made if r.emailed_to)
        self.stdout.write(f"Đã nhắc {len(made)} báo cáo ({emailed} có gửi thư điện tử).")
