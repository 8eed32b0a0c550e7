"""Forms of the archive pages. Messages in Vietnamese."""

from __future__ import annotations

from django import forms

from .models import Document
from .models.document import DOC_TYPE_CHOICES, META_FIELDS

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]


class MultipleFileInput(forms.ClearableFileInput):
    allow_multiple_selected = True


class MultipleFileField(forms.FileField):
    def __init__(self, *args, **kwargs):
        kwargs.setdefault("widget", MultipleFileInput(attrs={"multiple": True}))
        super().__init__(*args, **kwargs)

    def clean(self, data, initial=None):
        single = super().clean
        if isinstance(data, (list, tuple)):
            return [single(d, initial) for d in data]
        return [single(data, initial)]


class UploadForm(forms.Form):
    files = MultipleFileField(  # type: ignore[assignment]  # a field, not BaseForm.files
        label="Tệp văn bản",
        help_text="Chọn một hoặc nhiều tệp .txt, .docx, .doc, .odt, .rtf, .html, .pdf hoặc ảnh văn bản.",
        error_messages={
            "required": "Vui lòng chọn ít nhất một tệp.",
            "empty": "Tệp đã chọn rỗng (0 byte).",
            "invalid": "Không nhận được tệp; hãy chọn lại.",
        },
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        # An empty file is reported per file by the import service, not refused here.
        self.fields["files"].allow_empty_file = True


class FilterForm(forms.Form):
    q = forms.CharField(label="Tìm kiếm", required=False)
    doc_type = forms.ChoiceField(label="Loại văn bản", required=False)
    issuer = forms.ChoiceField(label="Cơ quan ban hành", required=False)
    year = forms.TypedChoiceField(label="Năm", required=False, coerce=int, empty_value=None)
    unit = forms.TypedChoiceField(label="Đơn vị", required=False, coerce=int, empty_value=None)

    def __init__(self, *args, choices=None, **kwargs):
        super().__init__(*args, **kwargs)
        choices = choices or {"issuers": [], "years": [], "units": []}
        self.units = {u.pk: u for u in choices["units"]}
        self.fields["doc_type"].choices = [("", "Tất cả")] + DOC_TYPE_CHOICES
        self.fields["issuer"].choices = [("", "Tất cả")] + [(i, i) for i in choices["issuers"]]
        self.fields["year"].choices = [("", "Tất cả")] + [(y, y) for y in choices["years"]]
        self.fields["unit"].choices = [("", "Tất cả")] + [(u.pk, u.name) for u in choices["units"]]

    def filters(self) -> dict:
        if not self.is_valid():
            return {"q": self.data.get("q", "")}
        data = dict(self.cleaned_data)
        data["unit"] = self.units.get(data.get("unit")) if data.get("unit") else None
        return data


class MetadataForm(forms.ModelForm):
    recipients_text = forms.CharField(
        label="Nơi nhận",
        required=False,
        widget=forms.Textarea(attrs={"rows": 5}),
        help_text="Mỗi dòng một nơi nhận.",
    )

    class Meta:
        model = Document
        # every metadata field; the recipients are edited as lines (recipients_text)
        fields = [f for f in META_FIELDS if f != "recipients"]
        widgets = {"title": forms.Textarea(attrs={"rows": 3})}

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        for name in ("issued_on", "period_start", "period_end"):
            field = self.fields[name]
            field.input_formats = DATE_FORMATS
            field.widget = forms.DateInput(format="%d/%m/%Y", attrs={"placeholder": "dd/mm/yyyy"})
            field.error_messages["invalid"] = "Ngày không hợp lệ; hãy nhập theo dạng 09/3/2022."
        self.fields["recipients_text"].initial = "\n".join(self.instance.recipients or [])

    def changes(self) -> dict:
        data = {name: self.cleaned_data.get(name) for name in self.Meta.fields}
        for name in ("number", "place", "issuer", "title", "period_label", "signer_name"):
            data[name] = (data[name] or "").strip()
        lines = (self.cleaned_data.get("recipients_text") or "").splitlines()
        data["recipients"] = [line.strip() for line in lines if line.strip()]
        return data
