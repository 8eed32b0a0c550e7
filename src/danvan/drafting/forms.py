"""Forms of the drafting pages (Vietnamese labels; services do the checking)."""

from __future__ import annotations

from django import forms

from .models import DRAFT_TYPES
from .services import AUTHORITY_CHOICES

LINES_HELP = "Mỗi dòng một mục."


def lines_field(label: str, rows: int, help_text: str = LINES_HELP) -> forms.CharField:
    """An optional text box holding one item a line (addressees, legal bases…)."""
    return forms.CharField(
        label=label,
        required=False,
        help_text=help_text,
        widget=forms.Textarea(attrs={"rows": rows}),
    )


class DraftForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    title = forms.CharField(
        label="Trích yếu", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    place = forms.CharField(label="Địa danh", max_length=120, required=False)
    addressees = lines_field("Kính gửi", 2)
    legal_bases = lines_field("Căn cứ ban hành (quyết định)", 3)
    closing = forms.CharField(
        label="Câu kết", required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120, required=False)
    signer_position = forms.CharField(label="Chức vụ người ký", max_length=120, required=False)
    authority = forms.ChoiceField(label="Thẩm quyền ký", choices=AUTHORITY_CHOICES, required=False)
    on_behalf_of = forms.CharField(
        label="Ký thay / thừa lệnh cho chức danh", max_length=120, required=False
    )
    collective = forms.CharField(label="Thay mặt tập thể (TM.)", max_length=255, required=False)
    recipients = lines_field(
        "Nơi nhận", 3, "Mỗi dòng một nơi nhận; “Như trên” và “Lưu: VT” được thêm tự động."
    )


class NewDocumentForm(forms.Form):
    doc_type = forms.ChoiceField(
        label="Loại văn bản", choices=[("", "— Chọn loại —"), *DRAFT_TYPES]
    )
    unit = forms.ChoiceField(label="Cơ quan ban hành")
    title = forms.CharField(
        label="Trích yếu", max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )
    addressees = lines_field("Kính gửi (tờ trình, công văn)", 2)
    legal_bases = lines_field(
        "Căn cứ",
        3,
        LINES_HELP + " Quyết định: in nghiêng dưới tên loại; loại khác: “Căn cứ …;” đầu nội dung.",
    )
    body = forms.CharField(
        label="Nội dung",
        required=False,
        help_text="Mỗi đoạn một dòng. Quyết định: dòng “Điều 1. …” mở một điều mới.",
        widget=forms.Textarea(attrs={"rows": 8}),
    )
    drafting_unit = forms.CharField(
        label="Đơn vị soạn thảo (công văn, ví dụ HCTH)", max_length=20, required=False
    )

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— Chọn đơn vị —")] + [
            (str(u.pk), u.name) for u in units
        ]


class IssueForm(forms.Form):
    version = forms.IntegerField(widget=forms.HiddenInput)
    issued_on = forms.DateField(
        label="Ngày ban hành",
        required=False,
        widget=forms.DateInput(attrs={"type": "date"}),
        input_formats=["%Y-%m-%d", "%d/%m/%Y"],
    )


class TemplateUploadForm(forms.Form):
    unit = forms.ChoiceField(label="Đơn vị dùng mẫu")
    doc_type = forms.ChoiceField(
        label="Loại văn bản", choices=[("", "— Chọn loại —"), *DRAFT_TYPES]
    )
    name = forms.CharField(label="Tên mẫu", max_length=255)
    file = forms.FileField(label="Tệp mẫu (.docx)")

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [("", "— Chọn đơn vị —")] + [
            (str(u.pk), u.name) for u in units
        ]
