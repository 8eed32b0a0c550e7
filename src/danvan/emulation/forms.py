"""Forms of the emulation pages (Vietnamese labels and messages)."""

from __future__ import annotations

from decimal import Decimal

from django import forms

from danvan.core.rules import AUTHORITIES, DISCIPLINE_LEVELS, RATINGS, SCOPES, TITLES
from danvan.core.rules.awards import REVOCATION_GROUNDS
from danvan.orgunits.models import OrgUnit
from danvan.orgunits.widgets import UnitPicker

from .models import RoundKind

DATE_FORMATS = ["%d/%m/%Y", "%Y-%m-%d", "%d-%m-%Y"]
REQUIRED = {"required": "Vui lòng nhập trường này.", "invalid": "Giá trị không hợp lệ."}
DATE_ERRORS = {"required": "Vui lòng nhập ngày.", "invalid": "Ngày không hợp lệ (ví dụ 09/3/2025)."}
INT_ERRORS = {
    "required": "Vui lòng nhập trường này.",
    "invalid": "Phải là số nguyên.",
    "min_value": "Phải lớn hơn hoặc bằng %(limit_value)s.",
    "max_value": "Phải nhỏ hơn hoặc bằng %(limit_value)s.",
}


def _date(label: str, required: bool = True) -> forms.DateField:
    return forms.DateField(
        label=label,
        required=required,
        input_formats=DATE_FORMATS,
        error_messages=DATE_ERRORS,
        widget=forms.DateInput(attrs={"type": "date"}, format="%Y-%m-%d"),
    )


def _year(label: str = "Năm") -> forms.IntegerField:
    return forms.IntegerField(
        label=label, min_value=2000, max_value=2100, error_messages=INT_ERRORS
    )


class RoundForm(forms.Form):
    unit = forms.TypedChoiceField(label="Đơn vị đề nghị", coerce=int, error_messages=REQUIRED)
    year = _year("Năm thành tích")
    kind = forms.ChoiceField(label="Loại đợt", choices=RoundKind.choices, initial="annual")
    name = forms.CharField(label="Tên đợt", required=False, max_length=255)
    deciding_unit = forms.TypedChoiceField(
        label="Cơ quan quyết định", coerce=int, error_messages=REQUIRED
    )
    authority = forms.ChoiceField(
        label="Thẩm quyền quyết định", choices=list(AUTHORITIES.items()), initial="giam_doc_so"
    )
    approval_threshold = forms.DecimalField(
        label="Tỷ lệ đồng ý tối thiểu của Hội đồng (%)",
        initial=Decimal("50"),
        min_value=Decimal("1"),
        max_value=Decimal("100"),
        error_messages={**INT_ERRORS, "invalid": "Phải là số."},
    )
    disclosure_days = forms.IntegerField(
        label="Số ngày công khai", initial=5, min_value=1, max_value=60, error_messages=INT_ERRORS
    )

    def __init__(self, *args, units=(), deciding=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]
        self.fields["deciding_unit"].choices = [(u.pk, u.name) for u in deciding]


def title_choices(codes=None):
    return [(c, label) for c, label in TITLES.items() if codes is None or c in codes]


class SubjectPicker(forms.Widget):
    """A searchable picker of the round's people and collectives (never a dropdown of
    everyone: a province round has thousands). Typing asks the server
    (emulation:awardround_subjects); the chosen one stays ticked."""

    template_name = "emulation/widgets/subject_picker.html"

    def __init__(self, attrs=None):
        super().__init__(attrs)
        self.search_url = ""
        self.chosen_label = ""

    def get_context(self, name, value, attrs):
        context = super().get_context(name, value, attrs)
        context["picker"] = {
            "name": name,
            "id": context["widget"]["attrs"].get("id") or f"id_{name}",
            "value": value or "",
            "label": self.chosen_label if value else "",
            "url": self.search_url,
        }
        return context


class NominationForm(forms.Form):
    subject = forms.RegexField(
        label="Cá nhân hoặc tập thể",
        regex=r"^[pu]\d{1,12}$",
        widget=SubjectPicker,
        error_messages={**REQUIRED, "invalid": "Chưa chọn cá nhân hoặc tập thể."},
    )
    title = forms.ChoiceField(label="Danh hiệu, hình thức khen thưởng", choices=title_choices())
    achievement = forms.CharField(
        label="Tóm tắt thành tích", required=False, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, search_url: str = "", chosen_label=None, **kwargs):
        """`chosen_label(key)`: the name of an already chosen subject (scoped to the round)."""
        super().__init__(*args, **kwargs)
        widget = self.fields["subject"].widget
        widget.search_url = search_url
        key = self.data.get("subject") if self.is_bound else self.initial.get("subject")
        if key and chosen_label is not None:
            widget.chosen_label = chosen_label(key)


class PledgeForm(NominationForm):
    achievement = None  # type: ignore[assignment]
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)


class CouncilForm(forms.Form):
    held_on = _date("Ngày họp Hội đồng")
    members = forms.IntegerField(
        label="Số thành viên Hội đồng", min_value=1, max_value=99, error_messages=INT_ERRORS
    )
    present = forms.IntegerField(
        label="Số thành viên dự họp", min_value=1, max_value=99, error_messages=INT_ERRORS
    )


class CommentForm(forms.Form):
    nomination = forms.TypedChoiceField(
        label="Về đề nghị", required=False, coerce=int, empty_value=None
    )
    text = forms.CharField(
        label="Ý kiến góp ý",
        max_length=4000,
        widget=forms.Textarea(attrs={"rows": 3}),
        error_messages={"required": "Vui lòng nhập nội dung góp ý."},
    )

    def __init__(self, *args, nominations=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["nomination"].choices = [("", "Cả danh sách")] + [
            (n.pk, f"{n.subject_name} – {n.get_title_display()}") for n in nominations
        ]


class AppraisalForm(forms.Form):
    decision = forms.ChoiceField(
        label="Kết quả thẩm định",
        choices=[("accept", "Chấp thuận"), ("return", "Trả lại đơn vị")],
        widget=forms.RadioSelect,
        error_messages={"required": "Vui lòng chọn chấp thuận hoặc trả lại."},
    )
    note = forms.CharField(
        label="Ý kiến, lý do trả lại",
        required=False,
        widget=forms.Textarea(attrs={"rows": 3}),
    )


class DecisionForm(forms.Form):
    number = forms.IntegerField(
        label="Số quyết định",
        min_value=1,
        error_messages=INT_ERRORS,
        help_text="Số tiếp theo trong sổ quyết định của cơ quan, theo năm; có thể sửa.",
    )
    signed_on = _date("Ngày ký")
    signer_name = forms.CharField(label="Họ tên người ký", max_length=120, error_messages=REQUIRED)
    signer_position = forms.CharField(
        label="Chức vụ người ký", max_length=120, initial="Giám đốc", error_messages=REQUIRED
    )


class RecallForm(forms.Form):
    reason = forms.CharField(label="Lý do rút đề nghị", required=False, max_length=1000)


class RatingForm(forms.Form):
    year = _year()
    rating = forms.ChoiceField(label="Xếp loại", choices=list(RATINGS.items()))
    leave_working_days = forms.IntegerField(
        label="Số ngày nghỉ không tính thời gian công tác",
        required=False,
        min_value=0,
        max_value=366,
        error_messages=INT_ERRORS,
        help_text="Để trống nếu chưa có số liệu (khi đó chưa xét được tiêu chí nghỉ việc).",
    )


class CollectiveRatingForm(forms.Form):
    year = _year()
    rating = forms.ChoiceField(label="Xếp loại", choices=list(RATINGS.items()))


class AwardRecordForm(forms.Form):
    title = forms.ChoiceField(label="Danh hiệu, hình thức", choices=title_choices())
    year = _year("Năm thành tích")
    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=60)
    decided_on = _date("Ngày quyết định", required=False)
    decided_by = forms.CharField(label="Cơ quan quyết định", required=False, max_length=255)
    # NĐ 152/2025 Điều 4 khoản 3 (legal-verified row 45).
    theme_based = forms.BooleanField(
        label="Khen thưởng theo chuyên đề (không dùng làm căn cứ đề nghị khen cao hơn)",
        required=False,
    )


class InnovationForm(forms.Form):
    title = forms.CharField(label="Tên sáng kiến", max_length=300, error_messages=REQUIRED)
    year = _year("Năm công nhận")
    scope = forms.ChoiceField(label="Phạm vi ảnh hưởng", choices=list(SCOPES.items()))
    recognised_by = forms.CharField(label="Cơ quan công nhận", required=False, max_length=255)
    decision_number = forms.CharField(
        label="Số quyết định công nhận", required=False, max_length=60
    )
    applied = forms.ChoiceField(
        label="Đã áp dụng",
        choices=[("yes", "Đã áp dụng"), ("no", "Chưa áp dụng"), ("", "Chưa rõ")],
        required=False,
    )


class DisciplineForm(forms.Form):
    pending = forms.BooleanField(
        label="Đang xem xét kỷ luật, thanh tra, kiểm tra, điều tra (chưa có quyết định)",
        required=False,
    )
    level = forms.ChoiceField(
        label="Hình thức kỷ luật",
        choices=[("", "— Chưa có —"), *DISCIPLINE_LEVELS.items()],
        required=False,
    )
    decided_on = _date("Ngày quyết định", required=False)
    effective_until = _date("Hết thời hạn kỷ luật ngày", required=False)

    def clean(self):
        data = super().clean()
        if not data.get("pending"):
            if not data.get("level"):
                self.add_error("level", "Vui lòng chọn hình thức kỷ luật.")
            if not data.get("decided_on") and "decided_on" not in self.errors:
                self.add_error("decided_on", "Vui lòng nhập ngày quyết định.")
        return data

    decision_number = forms.CharField(label="Số quyết định", required=False, max_length=60)
    note = forms.CharField(label="Ghi chú", required=False, max_length=255)


class QuotaForm(forms.Form):
    unit = forms.TypedChoiceField(label="Cơ quan quyết định", coerce=int, error_messages=REQUIRED)
    year = _year()
    title = forms.ChoiceField(label="Danh hiệu bị giới hạn", choices=title_choices())
    max_percent_of = forms.ChoiceField(
        label="Tính theo tỷ lệ của", required=False, choices=[("", "—"), *title_choices()]
    )
    percent = forms.DecimalField(
        label="Tỷ lệ tối đa (%)",
        required=False,
        min_value=Decimal("0"),
        max_value=Decimal("100"),
        error_messages={**INT_ERRORS, "invalid": "Phải là số."},
    )
    max_count = forms.IntegerField(
        label="Số lượng tối đa", required=False, min_value=0, error_messages=INT_ERRORS
    )
    basis = forms.CharField(label="Căn cứ", required=False, max_length=255)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class ClusterLeaderForm(forms.Form):
    organiser = forms.TypedChoiceField(
        label="Cơ quan tổ chức cụm, khối thi đua", coerce=int, error_messages=REQUIRED
    )
    year = _year()
    cluster = forms.CharField(label="Cụm, khối thi đua", max_length=255, error_messages=REQUIRED)
    leader = forms.TypedChoiceField(
        label="Tập thể được suy tôn dẫn đầu", coerce=int, error_messages=REQUIRED
    )
    meets_flag_criteria = forms.BooleanField(
        label="Đủ tiêu chuẩn Cờ thi đua cấp bộ, tỉnh", required=False
    )

    def __init__(self, *args, units=(), leaders=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["organiser"].choices = [(u.pk, u.name) for u in units]
        self.fields["leader"].choices = [(u.pk, u.name) for u in leaders]


class ImportForm(forms.Form):
    file = forms.FileField(
        label="Tệp Excel (.xlsx)",
        error_messages={
            "required": "Vui lòng chọn tệp Excel.",
            "empty": "Tệp đã chọn rỗng.",
            "invalid": "Không nhận được tệp; hãy chọn lại.",
        },
    )
    unit = forms.TypedChoiceField(label="Đơn vị", coerce=int, error_messages=REQUIRED)

    def __init__(self, *args, units=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["unit"].choices = [(u.pk, u.name) for u in units]


class SummaryForm(forms.Form):
    # A searchable picker, never a dropdown of every unit (issue 13 §2); the
    # choice is checked against the units the view passes (the user's scope).
    unit = forms.ModelChoiceField(
        label="Đơn vị",
        queryset=OrgUnit.objects.none(),
        required=False,
        widget=UnitPicker(source="visible"),
    )
    year = forms.TypedChoiceField(label="Năm", coerce=int, required=False, empty_value=None)

    def __init__(self, *args, units=None, years=(), **kwargs):
        super().__init__(*args, **kwargs)
        if units is not None:
            self.fields["unit"].queryset = units
        self.fields["year"].choices = [(y, y) for y in years]


class RevocationForm(forms.Form):
    """Hủy bỏ a title of a decision (Luật 2022 Điều 93 khoản 2)."""

    record = forms.TypedChoiceField(
        label="Danh hiệu, hình thức bị hủy bỏ", coerce=int, error_messages=REQUIRED
    )
    ground = forms.ChoiceField(
        label="Căn cứ hủy bỏ", choices=list(REVOCATION_GROUNDS.items()), error_messages=REQUIRED
    )
    decision_number = forms.CharField(
        label="Số quyết định hủy bỏ", max_length=60, error_messages=REQUIRED
    )
    decided_on = _date("Ngày quyết định hủy bỏ")
    recovered_amount = forms.IntegerField(
        label="Số tiền đã thu hồi (đồng)", min_value=0, required=False, error_messages=INT_ERRORS
    )
    certificate_recovered = forms.BooleanField(
        label="Đã thu hồi bằng, giấy chứng nhận", required=False
    )
    note = forms.CharField(label="Ghi chú", max_length=500, required=False)

    def __init__(self, *args, records=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["record"].choices = [(r.pk, str(r)) for r in records]


class BaseSalaryForm(forms.Form):
    valid_from = _date("Áp dụng từ ngày")
    amount = forms.IntegerField(
        label="Mức lương cơ sở (đồng/tháng)", min_value=1, error_messages=INT_ERRORS
    )
    basis = forms.CharField(
        label="Căn cứ (văn bản quy định)", max_length=255, error_messages=REQUIRED
    )
