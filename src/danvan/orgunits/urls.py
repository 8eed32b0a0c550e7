from django.urls import path

from . import views

app_name = "orgunits"

urlpatterns = [
    path("", views.unit_list, name="list"),
    path("them/", views.unit_create, name="unit_create"),
    path("tim/", views.unit_search, name="unit_search"),
    path("sap-nhap/", views.unit_merge, name="unit_merge"),
    path("<int:pk>/", views.unit_detail, name="unit_detail"),
    path("<int:pk>/con/", views.unit_children, name="unit_children"),
    path("<int:pk>/them-don-vi/", views.unit_create, name="unit_create_child"),
    path("<int:pk>/sua/", views.unit_edit, name="unit_edit"),
    path("<int:pk>/chuyen/", views.unit_move, name="unit_move"),
    path("<int:pk>/chia-tach/", views.unit_split, name="unit_split"),
    path("<int:pk>/giai-the/", views.unit_close, name="unit_close"),
    path("<int:pk>/xoa/", views.unit_delete, name="unit_delete"),
    path("can-bo/", views.staff_list, name="staff_list"),
    path("can-bo/them/", views.staff_create, name="staff_create"),
    path("can-bo/<int:pk>/", views.staff_detail, name="staff_detail"),
    path("can-bo/<int:pk>/sua/", views.staff_edit, name="staff_edit"),
    path("can-bo/<int:pk>/dieu-chuyen/", views.staff_transfer, name="staff_transfer"),
    path("can-bo/<int:pk>/ket-thuc/", views.staff_end, name="staff_end"),
    path("can-bo/<int:pk>/xoa/", views.staff_delete, name="staff_delete"),
]
