from django.urls import path

from . import views

app_name = "documents"

urlpatterns = [
    path("", views.document_list, name="list"),
    path("nap/", views.upload, name="upload"),
    path("<int:pk>/", views.document_detail, name="detail"),
    path("<int:pk>/sua/", views.document_edit, name="edit"),
    path("<int:pk>/sua/<str:field>/bo/", views.withdraw_correction, name="withdraw"),
    path("<int:pk>/trich-xuat-lai/", views.reextract, name="reextract"),
    path("<int:pk>/tep-goc/", views.original, name="original"),
    path("dan-chieu/", views.reference_list, name="references"),
    path("dan-chieu/<int:pk>/", views.reference_detail, name="reference"),
]
