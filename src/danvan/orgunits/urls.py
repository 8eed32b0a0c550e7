from django.contrib.auth.decorators import login_required
from django.urls import path

from danvan.web.views import area

app_name = "orgunits"

urlpatterns = [
    path("", login_required(area), {"title": "Đơn vị", "intro": "Cây tổ chức."}, name="list"),
]
