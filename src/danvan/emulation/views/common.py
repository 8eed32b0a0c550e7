"""Helpers shared by the emulation pages."""

from __future__ import annotations

import re
from collections.abc import Callable
from functools import wraps
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.db.models import QuerySet
from django.http import HttpResponseNotAllowed
from django.shortcuts import redirect

from danvan.accounts import access
from danvan.core.errors import DomainError
from danvan.core.rules import title_label
from danvan.emulation.services.common import unit_step_allowed


def with_edit_units(refusal: str, back: str) -> Callable[[Callable], Callable]:
    """The view gets, after the request, the open units where the user edits; a
    user with none is sent to ``back`` (a URL name) with ``refusal``."""

    def wrap(view: Callable) -> Callable:
        @wraps(view)
        def guarded(request, *args, **kwargs):
            units = list(access.visible_units(request.user, "edit").filter(valid_to__isnull=True))
            if not units:
                messages.error(request, refusal)
                return redirect(back)
            return view(request, units, *args, **kwargs)

        return guarded

    return wrap


def post_only(request):
    """405 for anything but POST; call after the scoped lookup (out of scope: 404 first)."""
    if request.method != "POST":
        return HttpResponseNotAllowed(["POST"])
    return None


def attempt(request, action: Callable[[], Any], success: str | None = None, form=None):
    """Run a service call; a DomainError or a refusal becomes a Vietnamese message
    (on the form's field when there is one). Returns (ok, result)."""
    try:
        result = action()
    except DomainError as exc:
        if form is not None and exc.field and exc.field in form.fields:
            form.add_error(exc.field, exc.message)
        elif form is not None:
            form.add_error(None, exc.message)
        else:
            messages.error(request, exc.message)
        return False, None
    except PermissionDenied as exc:
        messages.error(request, str(exc) or "Bạn không có quyền thực hiện thao tác này.")
        return False, None
    if success:
        messages.success(request, success)
    return True, result


def saved(request, form, call: Callable[[dict[str, Any]], Any], success: str | None = None) -> bool:
    """Whether ``form`` is valid and the service ``call(cleaned_data)`` went
    through (said with ``success``); a refusal is shown on the form."""
    return form.is_valid() and attempt(request, lambda: call(form.cleaned_data), success, form)[0]


def delete_posted(
    request, rows: QuerySet, pk: Any, delete: Callable[[Any, Any], Any], what: str, done: str
) -> None:
    """Delete the row ``pk`` of ``rows`` (the caller's scope) through the service
    ``delete(user, row)``, or say it is no longer there (deleted meanwhile)."""
    row = rows.filter(pk=pk).first()
    if row is None:
        messages.error(request, f"Không tìm thấy {what} (có thể đã bị xóa).")
        return
    attempt(request, lambda: delete(request.user, row), done)


def rights(user, rnd) -> dict[str, bool]:
    return {
        "can_edit": unit_step_allowed(user, "edit", rnd),
        "can_council": unit_step_allowed(user, "council", rnd),
        "can_approve": unit_step_allowed(user, "approve", rnd),
        "can_review": access.can(user, "review", rnd.deciding_unit),
        "can_decide": access.can(user, "approve", rnd.deciding_unit),
    }


_QUOTA = re.compile(
    r"^\d+ đề nghị .+? (?:trong giới hạn|vượt) (?P<limit>.+?)(?: \(tối đa [\d–]+\))?$"
)


def quota_sentence(q) -> str:
    """A quota result as the round page says it: the title first, then how many
    are proposed against how many the cap allows, then how the cap is worked
    out ("Chiến sĩ thi đua cơ sở: 0 đề nghị, được đề nghị tối đa 2 (30% của 9
    Lao động tiên tiến)"). A result still depending on missing facts keeps the
    engine's own sentence, which says what is missing."""
    m = _QUOTA.match(q.message)
    if m is None or str(q.result) == "unknown":
        return q.message
    return (
        f"{title_label(q.title)}: {q.nominated} đề nghị, được đề nghị tối đa {q.allowed} "
        f"({m['limit']})"
    )


def quota_rows(evaluation) -> list[dict[str, str]]:
    """The quota results of an evaluation for the round pages."""
    if evaluation is None:
        return []
    return [
        {"result": str(q.result), "sentence": quota_sentence(q), "basis": q.basis or ""}
        for q in evaluation.quotas
    ]


def money_of_page(money: dict, page) -> dict:
    """The prize money of the nominations on this page (the totals stay the
    round's or the decision's; the finance office's Excel file holds every row)."""
    if not page.has_other_pages():
        return money
    shown = {n.pk for n in page}
    return {**money, "rows": [m for m in money["rows"] if m.nomination.pk in shown], "paged": True}
