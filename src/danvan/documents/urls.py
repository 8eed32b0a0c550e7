from django.contrib.auth.decorators import login_required
from django.urls import path

from danvan.web.views import area

app_name = "documents"

urlpatterns = [
    path(
        "",
        login_required(area),
        {
            "title": "Văn bản",
            "intro": "Kho văn bản: tiếp nhận, trích xuất và tra cứu báo cáo, kế hoạch đã ban hành.",
        },
        name="list",
    ),
]
