"""What every page's layout needs: navigation, the user's units."""

from __future__ import annotations

from django.urls import NoReverseMatch, reverse

from danvan.accounts.access import can_admin_site, user_units

NAV = [
    ("home", "Tổng quan", "home"),
    ("documents", "Văn bản", "documents:list"),
    ("planning", "Kế hoạch & mô hình", "planning:index"),
    ("reporting", "Báo cáo", "reporting:index"),
    ("emulation", "Thi đua – Khen thưởng", "emulation:index"),
    ("drafting", "Soạn văn bản", "drafting:index"),
    ("citizens", "Tiếp dân & đơn thư", "citizens:index"),
    ("units", "Đơn vị", "orgunits:list"),
    ("jobs", "Công việc", "jobs:list"),
    ("admin", "Quản trị", "accounts:admin_index"),
]


def _nav(request):
    items = []
    path = request.path
    for key, label, name in NAV:
        if key == "admin" and not can_admin_site(request.user):
            continue
        try:
            url = reverse(name)
        except NoReverseMatch:  # an area whose pages are not installed
            continue
        active = path == url if key == "home" else path.startswith(url)
        items.append({"key": key, "label": label, "url": url, "active": active})
    return items


def shell(request):
    user = getattr(request, "user", None)
    if user is None or not user.is_authenticated:
        return {}
    return {
        "nav_items": _nav(request),
        "my_units": user_units(user),
        "current_unit": getattr(request, "unit", None),
    }
