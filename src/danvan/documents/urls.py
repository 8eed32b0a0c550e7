from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("nap/", views.upload, name="upload"),
    path("<int:pk>/", views.document_detail, name="document_detail"),
    path("<int:pk>/sua/", views.document_edit, name="document_edit"),
    path("<int:pk>/sua/bo/", views.withdraw_correction, name="document_withdraw"),
    path("<int:pk>/trich-xuat-lai/", views.reextract, name="document_reextract"),
    path("<int:pk>/tep-goc/", views.original, name="document_original"),
    path("dan-chieu/", views.reference_list, name="references"),
    path("dan-chieu/<int:pk>/", views.reference_detail, name="reference_detail"),
]
