from django.apps import AppConfig
from django.urls import reverse

from danvan.core.numbers import format_number


class DocumentsConfig(AppConfig):
    name = "danvan.documents"
    label = "documents"
    verbose_name = "Kho văn bản"

    def dashboard_widgets(self, request) -> list[dict]:
        # app modules load models: importable only once the app registry is ready
        from . import services

        if not request.user.is_authenticated:
            return []
        count = services.documents_for_user(request.user).count()
        return [
            {
                "label": "Văn bản trong kho",
                "value": format_number(count),
                "url": reverse("documents:list"),
                "link_text": "Xem kho văn bản",
            }
        ]
