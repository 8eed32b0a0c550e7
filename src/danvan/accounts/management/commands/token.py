"""`danvan token`: issue, list and revoke API tokens of a user.

    danvan token issue canbo.ttdvvl --name "báo cáo tự động"
    danvan token list [canbo.ttdvvl]
    danvan token revoke 12            (or: --user canbo.ttdvvl --all)

The raw token is printed once, at issue; only its SHA-256 is stored. A token
expires after DANVAN_TOKEN_DAYS (90) days.
"""

from __future__ import annotations

from collections.abc import Sequence

from django.contrib.auth import get_user_model
from django.core.management.base import BaseCommand, CommandError
from django.utils import timezone

from danvan.accounts import tokens
from danvan.accounts.models import ApiToken
from danvan.core.errors import DomainError


def _when(value) -> str:
    if value is None:
        return "chưa dùng"
    local = timezone.localtime(value)
    return f"{local.day:02d}/{local.month}/{local.year} {local:%H:%M}"


class Command(BaseCommand):
    help = "Cấp, liệt kê, thu hồi mã truy cập API (token) của người dùng."

    def add_arguments(self, parser):
        sub = parser.add_subparsers(dest="action", metavar="issue|list|revoke")
        sub.required = True
        issue = sub.add_parser("issue", help="cấp mã mới và in ra một lần duy nhất")
        issue.add_argument("username", help="tên đăng nhập")
        issue.add_argument("--name", default="", help="tên gợi nhớ (mặc định: api)")
        listing = sub.add_parser("list", help="liệt kê mã (không in mã)")
        listing.add_argument("username", nargs="?", help="chỉ mã của người dùng này")
        revoke = sub.add_parser("revoke", help="thu hồi mã")
        revoke.add_argument("ids", nargs="*", type=int, help="số thứ tự (id) của mã")
        revoke.add_argument("--user", help="tên đăng nhập (dùng với --all)")
        revoke.add_argument("--all", action="store_true", help="thu hồi mọi mã của --user")

    def handle(self, *args, **options):
        action = options["action"]
        if action == "issue":
            self.issue(options["username"], options["name"] or "api")
        elif action == "list":
            self.list(options.get("username"))
        else:
            self.revoke(options["ids"], options.get("user"), options["all"])

    def _user(self, username: str):
        User = get_user_model()
        try:
            return User.objects.get(username=username)
        except User.DoesNotExist:
            raise CommandError(f"Không có người dùng “{username}”.") from None

    def issue(self, username: str, name: str) -> None:
        user = self._user(username)
        try:
            token, raw = tokens.issue_token(None, user, name)
        except DomainError as exc:
            raise CommandError(exc.message) from None
        self.stdout.write(
            f"Đã cấp mã truy cập #{token.pk} “{token.name}” cho {user.username}, "
            f"hết hạn {_when(token.expires_at)}."
        )
        self.stdout.write("Mã chỉ hiện một lần, hãy lưu lại ngay:")
        self.stdout.write(raw)
        self.stdout.write(f"Dùng: curl -H 'Authorization: Bearer {raw[:6]}…' …/api/v1/users/me")

    def list(self, username: str | None) -> None:
        qs = ApiToken.objects.select_related("user").order_by("user__username", "pk")
        if username:
            qs = qs.filter(user=self._user(username))
        rows = list(qs)
        if not rows:
            self.stdout.write("Chưa có mã truy cập nào.")
            return
        self.stdout.write(
            f"{'id':>5}  {'người dùng':<20} {'tên':<30} {'cấp lúc':<17} "
            f"{'hết hạn':<27} dùng lần cuối"
        )
        for t in rows:
            expiry = _when(t.expires_at) + (" (đã hết hạn)" if t.expired else "")
            self.stdout.write(
                f"{t.pk:>5}  {t.user.username:<20} {t.name[:30]:<30} "
                f"{_when(t.created_at):<17} {expiry:<27} {_when(t.last_used_at)}"
            )

    def revoke(self, ids: Sequence[int], username: str | None, everything: bool) -> None:
        if everything:
            if not username:
                raise CommandError("Dùng --all cùng với --user <tên đăng nhập>.")
            found = list(tokens.tokens_of(self._user(username)))
        else:
            if not ids:
                raise CommandError(
                    "Hãy ghi số thứ tự (id) của mã cần thu hồi, xem: danvan token list."
                )
            found = list(ApiToken.objects.select_related("user").filter(pk__in=ids))
            missing: Sequence[int] = sorted(set(ids) - {t.pk for t in found})
            if missing:
                raise CommandError(
                    "Không có mã truy cập số " + ", ".join(str(i) for i in missing) + "."
                )
        for token in found:
            number = token.pk
            tokens.revoke_token(None, token)
            self.stdout.write(f"Đã thu hồi mã #{number} “{token.name}” của {token.user.username}.")
        if not found:
            self.stdout.write("Không có mã nào để thu hồi.")
