from django.urls import path

from .views import dashboard, figures, inbox, reports, requests, signoff

app_name = "reporting"

urlpatterns = [
    path("", requests.index, name="index"),
    path("yeu-cau/moi/", requests.request_create, name="request_create"),
    path("yeu-cau/<int:pk>/", requests.request_detail, name="request_detail"),
    path("yeu-cau/<int:pk>/tien-do/", requests.request_progress, name="request_progress"),
    path("yeu-cau/<int:pk>/tien-do/excel/", requests.progress_export, name="progress_export"),
    path("yeu-cau/<int:pk>/ket-thuc/", requests.request_close, name="request_close"),
    path("yeu-cau/<int:pk>/excel/", requests.request_export, name="request_export"),
    path("don-vi/<int:pk>/", reports.report_detail, name="report_detail"),
    path("don-vi/<int:pk>/excel/", reports.report_export, name="report_export"),
    path("don-vi/<int:pk>/mau-nhap/", reports.report_template, name="report_template"),
    path("don-vi/<int:pk>/nhap/", reports.report_import, name="report_import"),
    path("nhap-excel/<int:batch>/", reports.import_preview, name="import_preview"),
    path("don-vi/<int:pk>/trinh-duyet/", signoff.report_propose, name="report_propose"),
    path("don-vi/<int:pk>/ky/", signoff.report_sign, name="report_sign"),
    path("don-vi/<int:pk>/tra-lai-noi-bo/", signoff.report_decline, name="report_decline"),
    path("don-vi/<int:pk>/gui/", signoff.report_send, name="report_send"),
    path("don-vi/<int:pk>/chap-nhan/", signoff.report_accept, name="report_accept"),
    path("hop-thu/", inbox.inbox, name="inbox"),
    path("nhac-han/<int:unitreport_pk>/", inbox.remind, name="remind"),
    path("don-vi/<int:pk>/<str:action>/", reports.report_action, name="report_action"),
    path("bang-dieu-khien/", dashboard.dashboard, name="dashboard"),
    path("tong-hop/", dashboard.rollup, name="rollup"),
    path("so-sanh/", dashboard.compare, name="compare"),
    path("so-lieu/<int:pk>/", dashboard.value_detail, name="value_detail"),
    path(
        "so-lieu/tu-van-ban/<int:figure_pk>/",
        figures.value_from_figure,
        name="value_from_figure",
    ),
]
