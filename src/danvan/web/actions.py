"""The shape most pages repeat: validate a form, call one service, show the
service's refusal (DomainError, PermissionDenied) or redirect; and the
confirmation step every irreversible action goes through (a page, no JS)."""

from __future__ import annotations

from collections.abc import Callable, Mapping
from typing import Any

from django.contrib import messages
from django.core.exceptions import PermissionDenied
from django.http import Http404, HttpRequest, HttpResponse
from django.shortcuts import redirect, render
from django.urls import reverse

from danvan.core.errors import DomainError

Refusal = (DomainError, PermissionDenied)


def posted(request: HttpRequest):
    """The POST data for a bound form (even when empty), or None on GET."""
    return request.POST if request.method == "POST" else None


def refusal_message(exc: BaseException) -> str:
    return getattr(exc, "message", None) or str(exc) or "Bạn không có quyền thực hiện thao tác này."


def show_refusal(request: HttpRequest, exc: BaseException) -> None:
    messages.error(request, refusal_message(exc))


def add_refusal(form, exc: BaseException, error_on: str | None = None) -> None:
    """Show a service's refusal on the field it names (or on ``error_on``: a
    field, or "" for above the form); a field the form lacks: above the form."""
    field = getattr(exc, "field", None) if error_on is None else error_on
    form.add_error(field if field in form.fields else None, refusal_message(exc))


def page_of_result(url_name: str) -> Callable[[Any], str]:
    """``then`` for an action that makes a record: the page showing it."""
    return lambda obj: reverse(url_name, args=[obj.pk])


def _target(then: Any, result: Any) -> Any:
    return then(result) if callable(then) else then


def run_action(
    request: HttpRequest,
    call: Callable[[], Any],
    *,
    success: str | Callable[[Any], str],
    then: Any,
    on_refusal: Any = None,
) -> HttpResponse:
    """Call a service; on refusal show why and go back, else say what happened."""
    try:
        result = call()
    except Refusal as exc:
        show_refusal(request, exc)
        return redirect(on_refusal if on_refusal is not None else _target(then, None))
    messages.success(request, success(result) if callable(success) else success)
    return redirect(_target(then, result))


def named_action(
    request: HttpRequest,
    action: str,
    actions: Mapping[str, tuple[Callable[[], Any], str]],
    back: str,
) -> HttpResponse:
    """One of a page's POST buttons, by name (an unknown one: 404): call its
    service and say its message, or say the service's DomainError; back to ``back``."""
    if action not in actions:
        raise Http404()
    call, done = actions[action]
    try:
        call()
    except DomainError as exc:
        messages.error(request, exc.message)
    else:
        messages.success(request, done)
    return redirect(back)


def form_action(
    request: HttpRequest,
    form,
    call: Callable[[dict[str, Any]], Any],
    *,
    success: str | Callable[[Any], str] | None,
    then: Any,
    template: str,
    context: dict[str, Any] | None = None,
    error_status: int = 200,
    error_on: str | None = None,
) -> HttpResponse:
    """Validate a bound form, call the service with its cleaned data, and either
    redirect (with the success message, if any) or show the form again with the
    refusal on the field it names (or on ``error_on``: a field, or "" for above
    the form)."""
    if form.is_bound and form.is_valid():
        try:
            result = call(form.cleaned_data)
        except Refusal as exc:
            add_refusal(form, exc, error_on)
        else:
            if success is not None:
                messages.success(request, success(result) if callable(success) else success)
            return redirect(_target(then, result))
    status = error_status if form.is_bound else 200
    return render(request, template, {**(context or {}), "form": form}, status=status)


def create_action(
    request: HttpRequest,
    form,
    create: Callable[..., Any],
    *,
    detail: str,
    template: str,
    title: str,
    success: str | None = None,
) -> HttpResponse:
    """A creation page (form_action): ``create(user, **cleaned_data)`` makes the
    record, then its page (the URL name ``detail``); ``title`` heads the form."""
    return form_action(
        request,
        form,
        lambda data: create(request.user, **data),
        success=success,
        then=page_of_result(detail),
        template=template,
        context={"title": title},
    )


def confirm_page(
    request: HttpRequest,
    *,
    title: str,
    consequence: str,
    button: str,
    back_url: str,
    action_url: str | None = None,
    danger: bool = False,
    warnings: list[str] | None = None,
    items: list[str] | None = None,
    form=None,
    status: int = 200,
) -> HttpResponse:
    """The confirmation step of an irreversible action: what will happen, then a
    button that POSTs to the action (works without JavaScript)."""
    return render(
        request,
        "web/confirm.html",
        {
            "title": title,
            "consequence": consequence,
            "button": button,
            "back_url": back_url,
            "action_url": action_url or request.path,
            "danger": danger,
            "warnings": warnings or [],
            "items": items or [],
            "form": form,
        },
        status=status,
    )
