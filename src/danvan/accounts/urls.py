from django.contrib.auth.decorators import login_required
from django.urls import path

from danvan.web.views import area

from . import views

app_name = "accounts"

urlpatterns = [
    path("don-vi-lam-viec/", views.switch_unit, name="switch_unit"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path(
        "quan-tri/",
        login_required(area),
        {"title": "Quản trị", "intro": "Đơn vị, cán bộ, người dùng và vai trò, nhật ký thay đổi."},
        name="admin_index",
    ),
]
