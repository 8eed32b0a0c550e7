from django.contrib.auth import views as auth_views
from django.urls import include, path

from danvan.accounts import views as account_views
from danvan.api import api
from danvan.web import views as web_views

urlpatterns = [
    path("", web_views.home, name="home"),
    path("dang-nhap/", account_views.LoginView.as_view(), name="login"),
    path("dang-xuat/", auth_views.LogoutView.as_view(), name="logout"),
    path("tai-khoan/", include("danvan.accounts.urls")),
    path("don-vi/", include("danvan.orgunits.urls")),
    path("nhat-ky/", include("danvan.audit.urls")),
    path("van-ban/", include("danvan.documents.urls")),
    path("ke-hoach/", include("danvan.planning.urls")),
    path("bao-cao/", include("danvan.reporting.urls")),
    path("thi-dua/", include("danvan.emulation.urls")),
    path("soan-thao/", include("danvan.drafting.urls")),
    path("cong-dan/", include("danvan.citizens.urls")),
    path("cong-viec/", include("danvan.jobs.urls")),
    path("api/v1/", api.urls),
]

handler400 = "danvan.web.views.handler400"
handler403 = "danvan.web.views.handler403"
handler404 = "danvan.web.views.handler404"
handler500 = "danvan.web.views.handler500"
