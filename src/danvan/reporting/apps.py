from django.apps import AppConfig
from django.urls import reverse

from danvan.core.numbers import format_percent


class ReportingConfig(AppConfig):
    name = "danvan.reporting"
    label = "reporting"
    verbose_name = "Báo cáo"

    def ready(self) -> None:
        from danvan.orgunits.signals import unit_moved

        from .services import subtree_sums

        unit_moved.connect(subtree_sums.on_unit_moved, dispatch_uid="reporting.subtree_sums")

    def home_panels(self, request) -> list[dict]:
        # app modules load models: importable only once the app registry is ready
        from .home import panels

        return panels(request)

    def dashboard_widgets(self, request) -> list[dict]:
        """Home page cards: reports due soon for the user's units, and the
        completeness of the latest open request the user issued."""
        # app modules load models: importable only once the app registry is ready
        from .access import is_requester_side, reports_for, requests_for
        from .models.requests import RequestStatus
        from .services import completeness, due_soon

        user = request.user
        if not getattr(user, "is_authenticated", False):
            return []
        widgets = []
        due = due_soon(reports_for(user, "edit"))
        if due:
            first = due[0]
            widgets.append(
                {
                    "label": "Báo cáo sắp đến hạn / quá hạn",
                    "value": len(due),
                    "url": reverse("reporting:report_detail", args=[first.pk]),
                    "link_text": f"{first.request.title} – hạn "
                    f"{first.request.deadline.day:02d}/{first.request.deadline.month}/{first.request.deadline.year}",
                }
            )
        for req in requests_for(user).filter(status=RequestStatus.OPEN).order_by("-created_at")[:5]:
            if is_requester_side(user, req):
                total = completeness(req).total
                widgets.append(
                    {
                        "label": f"Đã nộp: {req.title}",
                        "value": f"{total.submitted}/{total.expected} ({format_percent(total.completeness or 0, 1)})",
                        "url": reverse("reporting:request_detail", args=[req.pk]),
                        "link_text": "Xem tiến độ",
                    }
                )
                break
        widgets.append(
            {
                "label": "Tổng hợp số liệu",
                "value": "Bảng điều khiển",
                "url": reverse("reporting:dashboard"),
                "link_text": "Mở bảng điều khiển",
            }
        )
        return widgets
