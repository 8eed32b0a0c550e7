from django.urls import path

from .views import council, files, law, pickers, records, rounds

app_name = "emulation"

R = "dot/<int:awardround_pk>/"
N = "de-nghi/<int:nomination_pk>/"
D = "quyet-dinh/<int:awarddecision_pk>/"

urlpatterns = [
    path("", rounds.index, name="index"),
    path("dot/moi/", rounds.round_create, name="round_create"),
    path(R, rounds.round_detail, name="awardround_detail"),
    path(R + "goi-y/", rounds.round_suggestions, name="awardround_suggestions"),
    path(R + "de-nghi/", rounds.round_nominate, name="awardround_nominate"),
    path(R + "tim-doi-tuong/", pickers.round_subjects, name="awardround_subjects"),
    path(R + "dang-ky/", rounds.round_pledges, name="awardround_pledges"),
    path(R + "hoi-dong/", council.round_council, name="awardround_council"),
    path(R + "cong-khai/", rounds.round_disclosure, name="awardround_disclosure"),
    path(R + "trinh/", rounds.round_submit, name="awardround_submit"),
    path(R + "quyet-dinh/", rounds.round_decide, name="awardround_decide"),
    path(R + "to-trinh.docx", files.to_trinh, name="awardround_to_trinh"),
    path(R + "tien-thuong.xlsx", law.round_money_xlsx, name="awardround_money"),
    path(R + "danh-sach.docx", files.lists, name="awardround_lists"),
    path("tham-dinh/", rounds.appraisal_queue, name="appraisal_queue"),
    path(N, rounds.nomination_detail, name="nomination_detail"),
    path(N + "xoa/", rounds.nomination_delete, name="nomination_delete"),
    path(N + "rut/", rounds.nomination_recall, name="nomination_recall"),
    path(N + "tham-dinh/", rounds.nomination_appraise, name="nomination_appraise"),
    path(N + "giay-khen.pdf", files.nomination_certificate, name="nomination_certificate"),
    path(
        N + "giay-khen.docx",
        files.nomination_certificate,
        {"fmt": "docx"},
        name="nomination_certificate_docx",
    ),
    path(D, files.decision_detail, name="awarddecision_detail"),
    path(D + "van-ban.docx", files.decision_docx, name="awarddecision_docx"),
    path(D + "huy-bo/", law.decision_revoke, name="awarddecision_revoke"),
    path(D + "giay-khen.pdf", files.decision_certificates, name="awarddecision_certificates"),
    path(
        D + "giay-khen.docx",
        files.decision_certificates,
        {"fmt": "docx"},
        name="awarddecision_certificates_docx",
    ),
    path("ho-so/", records.staff_list, name="staff_list"),
    path("ho-so/<int:staff_pk>/", records.staff_records, name="staff_records"),
    path("tap-the/<int:unit_pk>/", records.unit_records, name="unit_records"),
    path("nhap/", records.import_records, name="import_records"),
    path("nhap/mau.xlsx", records.import_template, name="import_template"),
    path("han-muc/", records.quotas, name="quotas"),
    path("luong-co-so/", law.base_salary, name="base_salary"),
    path("tong-hop/", records.summary, name="summary"),
    path("tong-hop/<int:unit_pk>/<int:year>.xlsx", records.summary_excel, name="summary_excel"),
]
