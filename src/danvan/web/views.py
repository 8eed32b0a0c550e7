"""The shell's own pages: the home dashboard and error handlers."""

from __future__ import annotations

from django.apps import apps
from django.contrib.auth.decorators import login_required
from django.shortcuts import render

from danvan.accounts.access import visible_units
from danvan.orgunits.models import StaffMember


@login_required
def home(request):
    units = visible_units(request.user)
    ctx = {
        "unit_count": units.filter(valid_to__isnull=True).count(),
        "staff_count": StaffMember.objects.filter(unit__in=units, active_to__isnull=True).count(),
        "widgets": _widgets(request),
        "panels": _collect(request, "home_panels"),
    }
    return render(request, "web/home.html", ctx)


def _widgets(request) -> list:
    """Dashboard parts contributed by the domain apps (each returns a list of dicts)."""
    return _collect(request, "dashboard_widgets")


def _collect(request, hook: str) -> list:
    """What the domain apps contribute to the home page through an AppConfig hook:
    `dashboard_widgets` (figure cards) and `home_panels` (what waits for this user)."""
    found: list = []
    for config in apps.get_app_configs():
        provider = getattr(config, hook, None)
        if provider is not None:
            found.extend(provider(request))
    return found


def area(request, title: str, intro: str):
    return render(request, "web/area.html", {"title": title, "intro": intro})


def handler404(request, exception=None):
    return render(request, "404.html", status=404)


def handler400(request, exception=None):
    return render(request, "400.html", status=400)


def handler403(request, exception=None):
    """The refusal page says why when the refusal carries a reason written for
    users (our services and views raise PermissionDenied with a Vietnamese
    sentence); anything else, such as a bare PermissionDenied from a library,
    gets the general sentence, so no English or internal text reaches the page."""
    reason = str(exception or "").strip()
    if not reason or reason.isascii():
        reason = "Bạn không có quyền thực hiện thao tác này."
    return render(request, "403.html", {"reason": reason}, status=403)


def handler500(request):
    return render(request, "500.html", status=500)
