"""API tokens: issuing, listing and revoking. Only a token's SHA-256 is stored.

`actor` is who does it: the token's owner, a global admin, or None for the
server operator (the `danvan token` command). Tokens are minted only from a
signed-in session (the “Mã truy cập API” page, or the API called with the
session) or the CLI, never with a token. A token expires DANVAN_TOKEN_DAYS
after it is issued; all of a user's tokens are revoked when the user's password
is changed or reset (any path that calls set_password) or the account is locked.
"""

from __future__ import annotations

from typing import cast

from django.conf import settings
from django.core.exceptions import PermissionDenied
from django.db import transaction
from django.db.models import QuerySet
from django.db.models.signals import post_save, pre_save

from danvan.audit import services as audit
from danvan.audit.models import AuditEntry
from danvan.core.errors import DomainError

from .access import is_global_admin
from .models import ApiToken

NAME_MAX = cast(int, ApiToken._meta.get_field("name").max_length)


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


@transaction.atomic
def revoke_all(actor, user, *, why: str) -> int:
    """Revoke every token of ``user`` (``why`` goes to the audit log); the count."""
    found = list(ApiToken.objects.filter(user=user))
    for token in found:
        audit.record(
            actor,
            AuditEntry.DELETE,
            token,
            before=_facts(token),
            verb="revoke",
            extra={"_": why},
        )
        token.delete()
    return len(found)


def _note_credential_change(sender, instance, **kwargs) -> None:
    """Before a user is saved: did the password change or the account get locked?"""
    if instance.pk is None:
        return
    # Django sets _password only in set_password(); a hash upgrade at login clears it.
    if getattr(instance, "_password", None) is not None:
        instance._revoke_tokens_why = "đổi mật khẩu"
    elif not instance.is_active and sender.objects.filter(pk=instance.pk, is_active=True).exists():
        instance._revoke_tokens_why = "khóa tài khoản"


def _revoke_after_credential_change(sender, instance, **kwargs) -> None:
    why = getattr(instance, "_revoke_tokens_why", None)
    if why:
        del instance._revoke_tokens_why
        revoke_all(None, instance, why=why)


pre_save.connect(_note_credential_change, sender=settings.AUTH_USER_MODEL)
post_save.connect(_revoke_after_credential_change, sender=settings.AUTH_USER_MODEL)
