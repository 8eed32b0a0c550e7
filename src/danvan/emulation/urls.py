from django.contrib.auth.decorators import login_required
from django.urls import path

from danvan.web.views import area

app_name = "emulation"

urlpatterns = [
    path(
        "",
        login_required(area),
        {
            "title": "Thi đua – Khen thưởng",
            "intro": "Đăng ký thi đua, đề nghị khen thưởng, xét duyệt và quyết định.",
        },
        name="index",
    ),
]
