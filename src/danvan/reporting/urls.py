from django.contrib.auth.decorators import login_required
from django.urls import path

from danvan.web.views import area

app_name = "reporting"

urlpatterns = [
    path(
        "",
        login_required(area),
        {"title": "Báo cáo", "intro": "Yêu cầu báo cáo, báo cáo của đơn vị, tổng hợp số liệu."},
        name="index",
    ),
]
