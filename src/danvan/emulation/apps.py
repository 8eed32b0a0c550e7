from django.apps import AppConfig
from django.urls import reverse

from danvan.core.numbers import format_number


class EmulationConfig(AppConfig):
    name = "danvan.emulation"
    label = "emulation"
    verbose_name = "Thi đua – Khen thưởng"

    def dashboard_widgets(self, request) -> list[dict]:
        """Home page cards: nominations in progress in the user's scope, and
        those waiting for the user's appraisal."""
        # app modules load models: importable only once the app registry is ready
        from danvan.accounts import access

        from .access import nominations_for
        from .models import CLOSED_STATUSES, NominationStatus

        user = request.user
        if not getattr(user, "is_authenticated", False):
            return []
        scoped = nominations_for(user)
        live = scoped.exclude(status__in=(*CLOSED_STATUSES, NominationStatus.DECIDED)).count()
        widgets = []
        if live:
            widgets.append(
                {
                    "label": "Đề nghị khen thưởng đang xử lý",
                    "value": format_number(live),
                    "url": reverse("emulation:index"),
                    "link_text": "Xem các đợt xét khen thưởng",
                }
            )
        waiting = scoped.filter(
            status=NominationStatus.SUBMITTED,
            round__deciding_unit__in=access.visible_units(user, "review"),
        ).count()
        if waiting:
            widgets.append(
                {
                    "label": "Đề nghị chờ thẩm định",
                    "value": format_number(waiting),
                    "url": reverse("emulation:appraisal_queue"),
                    "link_text": "Thẩm định",
                }
            )
        return widgets
