from django.urls import path

from . import views

app_name = "audit"

urlpatterns = [
    path("", views.entry_list, name="index"),
    path("doi-tuong/", views.object_history, name="object"),
    path("nguoi-dung/<int:pk>/", views.user_actions, name="user"),
]
