"""`danvan demo`: load the demo data (idempotent) and print the logins."""

from __future__ import annotations

from django.core.management.base import BaseCommand

from danvan.web.demo import load_all


class Command(BaseCommand):
    help = "Nạp dữ liệu mẫu (chạy lại nhiều lần không tạo trùng) và in tài khoản đăng nhập."

    def add_arguments(self, parser):
        parser.add_argument("--quiet", action="store_true", help="không in danh sách tài khoản")

    def handle(self, *args, **options):
        ctx = load_all(stdout=self.stdout)
        if options["quiet"]:
            return
        self.stdout.write("")
        self.stdout.write("Tài khoản dùng thử (demo logins):")
        width = max(len(u) for u, _, _ in ctx.logins)
        for username, password, persona in ctx.logins:
            self.stdout.write(f"  {username.ljust(width)}  mật khẩu: {password}   ({persona})")
        self.stdout.write("")
