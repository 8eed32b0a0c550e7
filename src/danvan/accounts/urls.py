from django.urls import path

from . import admin_views, views

app_name = "accounts"

urlpatterns = [
    path("don-vi-lam-viec/", views.switch_unit, name="switch_unit"),
    path("doi-mat-khau/", views.PasswordChangeView.as_view(), name="password_change"),
    path("ma-truy-cap/", views.api_tokens, name="api_tokens"),
    path("quan-tri/", admin_views.admin_index, name="admin_index"),
    path("quan-tri/nguoi-dung/", admin_views.user_list, name="user_list"),
    path("quan-tri/nguoi-dung/them/", admin_views.user_create, name="user_create"),
    path("quan-tri/nguoi-dung/<int:pk>/", admin_views.user_detail, name="user_detail"),
    path("quan-tri/nguoi-dung/<int:pk>/sua/", admin_views.user_edit, name="user_edit"),
    path("quan-tri/nguoi-dung/<int:pk>/vai-tro/", admin_views.role_add, name="user_role_add"),
    path(
        "quan-tri/nguoi-dung/<int:pk>/vai-tro/<int:role_pk>/go/",
        admin_views.role_remove,
        name="user_role_remove",
    ),
    path(
        "quan-tri/nguoi-dung/<int:pk>/mat-khau/",
        admin_views.password_reset,
        name="user_password_reset",
    ),
    path("quan-tri/nguoi-dung/<int:pk>/khoa/", admin_views.user_deactivate, name="user_deactivate"),
    path("quan-tri/nguoi-dung/<int:pk>/mo-khoa/", admin_views.user_activate, name="user_activate"),
]
