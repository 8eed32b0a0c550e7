from django.urls import path

from . import views

app_name = "citizens"

urlpatterns = [
    path("", views.index, name="index"),
    path("so-tiep/", views.receptions, name="receptions"),
    path("so-tiep/moi/", views.reception_create, name="reception_create"),
    path("so-tiep/nhap-excel/", views.reception_import, name="reception_import"),
    path("so-tiep/<int:pk>/", views.reception_detail, name="reception_detail"),
    path("don-thu/", views.petitions, name="petitions"),
    path("don-thu/moi/", views.petition_create, name="petition_create"),
    path("don-thu/<int:pk>/", views.petition_detail, name="petition_detail"),
    path("don-thu/<int:pk>/<str:action>/", views.petition_action, name="petition_action"),
    path("han-xu-ly/", views.deadlines, name="deadlines"),
    path("thoi-han/", views.time_limits, name="time_limits"),
    path("doi-thoai/", views.dialogues, name="dialogues"),
    path("doi-thoai/moi/", views.dialogue_create, name="dialogue_create"),
    path("doi-thoai/<int:pk>/", views.dialogue_detail, name="dialogue_detail"),
    path("cam-ket/<int:pk>/", views.commitment_update, name="commitment_update"),
    path("bao-cao/", views.report_section, name="report_section"),
    path("bao-cao/ghi-so-lieu/", views.report_values, name="report_values"),
]
