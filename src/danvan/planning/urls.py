from django.contrib.auth.decorators import login_required
from django.urls import path

from danvan.web.views import area

app_name = "planning"

urlpatterns = [
    path(
        "",
        login_required(area),
        {
            "title": "Kế hoạch & mô hình",
            "intro": "Kế hoạch, mô hình “Dân vận khéo” và chỉ tiêu của đơn vị.",
        },
        name="index",
    ),
]
