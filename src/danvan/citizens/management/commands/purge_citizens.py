"""`danvan purge_citizens [--apply]`: blank citizens' personal data past its
retention period (retention.RETENTION_YEARS). A dry run unless --apply."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.citizens import retention


class Command(BaseCommand):
    help = "Xóa dữ liệu cá nhân của công dân đã hết thời hạn lưu trữ (mặc định chỉ đếm)."

    def add_arguments(self, parser):
        parser.add_argument("--apply", action="store_true", help="Xóa thật (mặc định chỉ đếm).")

    def handle(self, *args, **options):
        apply = options["apply"]
        receptions, petitions = retention.purge_personal_data(None, apply=apply)
        years = retention.RETENTION_YEARS
        verb = "Đã xóa" if apply else "Sẽ xóa (chạy thử, thêm --apply để xóa thật)"
        self.stdout.write(
            f"{verb} dữ liệu cá nhân của {receptions} lượt tiếp công dân (quá {years['reception']}"
            f" năm) và {petitions} đơn thư (quá {years['petition']} năm kể từ khi kết thúc)."
        )
