from django.apps import AppConfig
from django.urls import reverse


class DraftingConfig(AppConfig):
    name = "danvan.drafting"
    label = "drafting"
    verbose_name = "Soạn thảo văn bản"

    def ready(self) -> None:
        # The head's approval of a report issues its numbered document here.
        # app modules load models: importable only once the app registry is ready
        from danvan.reporting.services import register_issuer

        from .signoff import issue_for_report

        register_issuer(issue_for_report)

    def home_panels(self, request) -> list[dict]:
        # app modules load models: importable only once the app registry is ready
        from .signoff import drafts_waiting_for_head

        user = request.user
        if not getattr(user, "is_authenticated", False):
            return []
        waiting = drafts_waiting_for_head(user)
        count = waiting.count()
        if not count:
            return []
        return [
            {
                "title": "Văn bản chờ duyệt, ban hành",
                "count": count,
                "items": [
                    {
                        "text": f"{d.get_doc_type_display()}: {d.title}",
                        "url": reverse("drafting:draft_detail", args=[d.pk]),
                        "note": d.unit.name,
                    }
                    for d in waiting[:8]
                ],
                "empty": "",
            }
        ]
