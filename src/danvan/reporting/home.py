"""Home page panels of reporting: what waits for this user in the sign-off chain."""

from __future__ import annotations

from django.urls import reverse

from danvan.accounts.access import role_units

from . import services
from .views.inbox import TABS, _tab_q, to_review

LIMIT = 8


def _vn(d) -> str:
    return f"{d.day:02d}/{d.month:02d}/{d.year}"


def _report_items(reports, note) -> list[dict]:
    return [
        {
            "text": f"{r.request.title} – {r.unit.name}",
            "url": reverse("reporting:report_detail", args=[r.pk]),
            "note": note(r),
        }
        for r in reports[:LIMIT]
    ]


def panels(request) -> list[dict]:
    user = request.user
    if not getattr(user, "is_authenticated", False):
        return []
    out: list[dict] = []
    if role_units(user, "approve") or user.is_superuser:
        waiting = services.waiting_for_head(user)
        out.append(
            {
                "title": "Chờ lãnh đạo duyệt, ký",
                "count": waiting.count(),
                "items": _report_items(waiting, lambda r: f"hạn nộp {_vn(r.request.deadline)}"),
                "empty": "Không có báo cáo nào đang chờ bạn duyệt.",
            }
        )
    if role_units(user, "edit") or role_units(user, "approve") or user.is_superuser:
        to_send = services.waiting_to_send(user)
        if to_send.exists():
            out.append(
                {
                    "title": "Đã ký, chờ gửi cấp trên",
                    "count": to_send.count(),
                    "items": _report_items(to_send, lambda r: f"số {r.signed_symbol}"),
                    "empty": "",
                }
            )
        back = services.returned_to_unit(user)
        if back.exists():
            out.append(
                {
                    "title": "Bị trả lại, cần sửa",
                    "count": back.count(),
                    "items": _report_items(back, lambda r: f"lý do: {r.return_reason}"[:160]),
                    "empty": "",
                }
            )
        own = role_units(user, "edit") + role_units(user, "approve")
        reminders = list(services.reminders_for_unit(own)[:LIMIT]) if own else []
        if reminders:
            out.append(
                {
                    "title": "Nhắc hạn từ cấp trên",
                    "count": len(reminders),
                    "items": [
                        {
                            "text": f"{m.report.request.title} – hạn {_vn(m.report.request.deadline)}",
                            "url": reverse("reporting:report_detail", args=[m.report_id]),
                            "note": f"{m.report.request.requester_unit.name} nhắc ngày {_vn(m.on)}",
                        }
                        for m in reminders
                    ],
                    "empty": "",
                }
            )
    if role_units(user, "review") or user.is_superuser:
        base = to_review(user)
        inbox = reverse("reporting:inbox")
        out.append(
            {
                "title": "Hộp thư thẩm định",
                "count": None,
                "items": [
                    {
                        "text": f"{label}: {base.filter(_tab_q(key)).count()}",
                        "url": f"{inbox}?loai={key}",
                        "note": "",
                    }
                    for key, label in TABS[:3]
                ],
                "empty": "",
                "url": inbox,
                "link_text": "Mở hộp thư thẩm định",
            }
        )
    return out
