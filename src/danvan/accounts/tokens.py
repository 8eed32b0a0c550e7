"""API tokens: issuing, listing and revoking. Only a token's SHA-256 is stored.

`actor` is who does it: the token's owner, a global admin, or None for the
server operator (the `danvan token` command).
"""

from __future__ import annotations

from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet

from danvan.audit import services as audit
from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError

from .access import is_global_admin
from .models import ApiToken

NAME_MAX = ApiToken._meta.get_field("name").max_length


def _require(actor, owner) -> None:
    if actor is None or is_global_admin(actor) or actor.pk == owner.pk:
        return
    raise PermissionDenied("Bạn chỉ được quản lý mã truy cập của chính mình.")


def _facts(token: ApiToken) -> dict:
    return {"user_id": token.user_id, "name": token.name}


@transaction.atomic
def issue_token(actor, user, name: str) -> tuple[ApiToken, str]:
    """A new token for `user`; returns the record and the raw token (shown once)."""
    _require(actor, user)
    name = (name or "").strip()
    if not name:
        raise DomainError(
            "Vui lòng đặt tên cho mã truy cập (ví dụ: tên chương trình dùng nó).", "name"
        )
    if len(name) > NAME_MAX:
        raise DomainError(f"Tên mã truy cập không được dài quá {NAME_MAX} ký tự.", "name")
    if not user.is_active:
        raise DomainError("Tài khoản đã bị khóa, không thể cấp mã truy cập.", "user")
    token, raw = ApiToken.issue(user, name)
    audit.record(actor, AuditEntry.CREATE, token, after=_facts(token), verb="issue")
    return token, raw


@transaction.atomic
def revoke_token(actor, token: ApiToken) -> None:
    """Revoke (delete) a token: requests carrying it are refused from now on."""
    _require(actor, token.user)
    audit.record(actor, AuditEntry.DELETE, token, before=_facts(token), verb="revoke")
    token.delete()


def tokens_of(user) -> QuerySet[ApiToken]:
    return ApiToken.objects.filter(user=user).order_by("-created_at", "-pk")
