from django.urls import path

from . import views

app_name = "planning"

urlpatterns = [
    path("", views.index, name="index"),
    path("phong-trao/moi/", views.movement_create, name="movement_create"),
    path("phong-trao/<int:pk>/", views.movement_detail, name="movement_detail"),
    path("phong-trao/<int:pk>/sua/", views.movement_edit, name="movement_edit"),
    path("mo-hinh/moi/", views.initiative_create, name="initiative_create"),
    path("mo-hinh/<int:pk>/", views.initiative_detail, name="initiative_detail"),
    path("mo-hinh/<int:pk>/sua/", views.initiative_edit, name="initiative_edit"),
    path("mo-hinh/<int:pk>/<str:action>/", views.initiative_action, name="initiative_action"),
    path("ke-hoach/moi/", views.plan_create, name="plan_create"),
    path("ke-hoach/<int:pk>/", views.plan_detail, name="plan_detail"),
    path("ke-hoach/<int:pk>/sua/", views.plan_edit, name="plan_edit"),
    path("ke-hoach/<int:pk>/ban-hanh/", views.plan_issue, name="plan_issue"),
    path("nhiem-vu/<int:pk>/", views.task_update, name="task_update"),
    path("chi-tieu/", views.indicator_list, name="indicators"),
    path("chi-tieu/<int:pk>/", views.indicator_edit, name="indicator_edit"),
    path("chi-tieu-ke-hoach/", views.targets, name="targets"),
]
