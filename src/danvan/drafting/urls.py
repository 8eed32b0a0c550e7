from django.urls import path

from . import views

app_name = "drafting"

urlpatterns = [
    path("", views.index, name="index"),
    path("moi/", views.new_document, name="new"),
    path("bao-cao/<int:unitreport_pk>/soan/", views.from_report, name="from_report"),
    path("ke-hoach/<int:plan_pk>/soan/", views.from_plan, name="from_plan"),
    path("tong-hop/", views.combined, name="combined"),
    path("du-thao/<int:draft_pk>/", views.draft_detail, name="draft_detail"),
    path("du-thao/<int:draft_pk>/sua/", views.draft_edit, name="draft_edit"),
    path("du-thao/<int:draft_pk>/tao-tep/", views.draft_generate, name="draft_generate"),
    path("du-thao/<int:draft_pk>/ban-hanh/", views.draft_issue, name="draft_issue"),
    path("du-thao/<int:draft_pk>/trinh-duyet/", views.draft_propose, name="draft_propose"),
    path("du-thao/<int:draft_pk>/tra-lai/", views.draft_decline, name="draft_decline"),
    path(
        "bao-cao/<int:unitreport_pk>/van-ban-da-ky/", views.report_document, name="report_document"
    ),
    path("du-thao/<int:draft_pk>/du-thao-moi/", views.draft_redraft, name="draft_redraft"),
    path("du-thao/<int:draft_pk>/mau/", views.draft_template, name="draft_template"),
    path("tep/<int:generateddocument_pk>/docx/", views.file_docx, name="file_docx"),
    path("tep/<int:generateddocument_pk>/pdf/", views.file_pdf, name="file_pdf"),
    path("tep/<int:generateddocument_pk>/anh/", views.file_preview, name="file_preview"),
    path("so-dang-ky/", views.register, name="register"),
    path("mau/", views.templates_page, name="templates"),
    path("mau/truong/", views.placeholders, name="placeholders"),
    path("mau/mau-vi-du.docx", views.example_template, name="example_template"),
]
