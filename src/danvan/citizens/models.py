"""Citizen reception book, petitions (đơn thư) and dialogues (đối thoại).

Personal data (names, addresses, ID numbers) sits in the fields listed in
PERSONAL_FIELDS; __str__ never shows them, audit entries never copy them, and
pages show them only to the people danvan.citizens.access allows.
"""

from __future__ import annotations

from django.db import models

from danvan.core.dates import format_date_short
from danvan.modelfields import optional_fk, optional_user
from danvan.orgunits.models import OrgUnit


class Place(models.TextChoices):
    OFFICE = "office", "Tại phòng tiếp công dân"
    HEAD = "head", "Lãnh đạo tiếp định kỳ"
    AD_HOC = "ad_hoc", "Tiếp đột xuất"


class Sector(models.TextChoices):
    LAND = "land", "Đất đai"
    LABOUR = "labour", "Chính sách lao động, việc làm"
    INSURANCE = "insurance", "Bảo hiểm"
    SOCIAL = "social", "Chính sách xã hội, người có công"
    ADMIN = "admin", "Thủ tục hành chính"
    OFFICIALS = "officials", "Cán bộ, công chức"
    OTHER = "other", "Lĩnh vực khác"


class Outcome(models.TextChoices):
    GUIDED = "guided", "Hướng dẫn, giải thích"
    PETITION = "petition", "Tiếp nhận đơn"
    ANSWERED = "answered", "Trả lời trực tiếp"


class Kind(models.TextChoices):
    KIEN_NGHI = "kien_nghi", "Kiến nghị"
    PHAN_ANH = "phan_anh", "Phản ánh"
    KHIEU_NAI = "khieu_nai", "Khiếu nại"
    TO_CAO = "to_cao", "Tố cáo"


class Channel(models.TextChoices):
    POST = "post", "Qua bưu chính"
    IN_PERSON = "in_person", "Trực tiếp"
    ONLINE = "online", "Trực tuyến"
    FORWARDED = "forwarded", "Cơ quan khác chuyển đến"


class Stage(models.TextChoices):
    RECEIVED = "received", "Tiếp nhận"
    CLASSIFIED = "classified", "Đã phân loại"
    FORWARDED = "forwarded", "Đã chuyển đơn"
    ACCEPTED = "accepted", "Đã thụ lý"
    ASSIGNED = "assigned", "Đang xác minh"
    CONCLUDED = "concluded", "Đã kết luận, quyết định"
    REPLIED = "replied", "Đã trả lời công dân"
    CLOSED = "closed", "Kết thúc, lưu hồ sơ"
    FILED = "filed", "Lưu đơn (không xử lý)"


OPEN_STAGES = (
    Stage.RECEIVED,
    Stage.CLASSIFIED,
    Stage.ACCEPTED,
    Stage.ASSIGNED,
    Stage.CONCLUDED,
)
RESOLVED_STAGES = (Stage.CONCLUDED, Stage.REPLIED, Stage.CLOSED)

PERSONAL_FIELDS = {
    "reception": ("citizen_name", "citizen_address", "citizen_id_number"),
    "petition": ("complainant_name", "complainant_address", "complainant_id_number"),
}


class Reception(models.Model):
    """One line of the sổ tiếp công dân."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị tiếp", on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField("ngày tiếp", db_index=True)
    place = models.CharField(
        "hình thức tiếp", max_length=8, choices=Place.choices, default=Place.OFFICE
    )
    received_by = optional_user("người tiếp")
    citizen_name = models.CharField("họ tên công dân", max_length=200, blank=True)
    citizen_address = models.CharField("địa chỉ", max_length=300, blank=True)
    citizen_id_number = models.CharField("số CCCD/CMND", max_length=20, blank=True)
    group_size = models.PositiveIntegerField("số người", default=1)
    content = models.TextField("nội dung")
    field = models.CharField(
        "lĩnh vực", max_length=10, choices=Sector.choices, default=Sector.OTHER
    )
    outcome = models.CharField(
        "kết quả", max_length=10, choices=Outcome.choices, default=Outcome.GUIDED
    )
    petition = optional_fk("Petition", "đơn đã nhận", related_name="receptions")
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField("đã xóa dữ liệu cá nhân", null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [models.Index(fields=["unit", "received_on"])]
        verbose_name = "lượt tiếp công dân"
        verbose_name_plural = "sổ tiếp công dân"

    def __str__(self) -> str:
        return f"Lượt tiếp #{self.pk} ngày {format_date_short(self.received_on)}"


class Petition(models.Model):
    """A đơn thư from receipt to closure. ``current_due`` is the deadline that
    applies now (processing, then resolution); None once nothing is due."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị tiếp nhận", on_delete=models.PROTECT, related_name="+"
    )
    received_on = models.DateField("ngày nhận đơn", db_index=True)
    channel = models.CharField(
        "nguồn đơn", max_length=10, choices=Channel.choices, default=Channel.IN_PERSON
    )
    forwarded_from = models.CharField("cơ quan chuyển đến", max_length=255, blank=True)
    kind = models.CharField("loại đơn", max_length=10, choices=Kind.choices)
    anonymous = models.BooleanField("đơn nặc danh", default=False)
    complainant_name = models.CharField("họ tên người gửi", max_length=200, blank=True)
    complainant_address = models.CharField("địa chỉ", max_length=300, blank=True)
    complainant_id_number = models.CharField("số CCCD/CMND", max_length=20, blank=True)
    citizen_key = models.CharField(max_length=64, blank=True, db_index=True)
    subject = models.TextField("tóm tắt nội dung")
    subject_key = models.CharField(max_length=64, blank=True)
    field = models.CharField(
        "lĩnh vực", max_length=10, choices=Sector.choices, default=Sector.OTHER
    )
    eligible = models.BooleanField("đủ điều kiện xử lý", null=True, blank=True)
    competent = models.BooleanField("thuộc thẩm quyền", null=True, blank=True)
    stage = models.CharField(
        "giai đoạn", max_length=10, choices=Stage.choices, default=Stage.RECEIVED, db_index=True
    )
    duplicate_of = optional_fk("self", "trùng với đơn", related_name="duplicates")
    complex_case = models.BooleanField("vụ việc phức tạp", default=False)
    very_complex = models.BooleanField("vụ việc đặc biệt phức tạp", default=False)
    remote_area = models.BooleanField("vùng sâu, vùng xa, đi lại khó khăn", default=False)
    extensions = models.PositiveSmallIntegerField("số lần gia hạn", default=0)
    process_due = models.DateField("hạn xử lý đơn", null=True, blank=True)
    accepted_on = models.DateField("ngày thụ lý", null=True, blank=True)
    due_on = models.DateField("hạn giải quyết", null=True, blank=True)
    current_due = models.DateField("hạn hiện tại", null=True, blank=True)
    assignee = optional_user("người được giao")
    forwarded_to = models.CharField("cơ quan có thẩm quyền", max_length=255, blank=True)
    forwarded_to_unit = optional_fk(OrgUnit)
    forward_symbol = models.CharField("số, ký hiệu công văn chuyển", max_length=80, blank=True)
    forwarded_on = models.DateField("ngày chuyển", null=True, blank=True)
    verification = models.TextField("kết quả xác minh", blank=True)
    conclusion = models.TextField("kết luận, quyết định", blank=True)
    concluded_on = models.DateField("ngày kết luận", null=True, blank=True)
    on_time = models.BooleanField("giải quyết đúng hạn", null=True, blank=True)
    reply = models.TextField("nội dung trả lời", blank=True)
    replied_on = models.DateField("ngày trả lời", null=True, blank=True)
    closed_on = models.DateField("ngày kết thúc", null=True, blank=True)
    note = models.TextField("ghi chú xử lý", blank=True)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)
    anonymised_at = models.DateTimeField("đã xóa dữ liệu cá nhân", null=True, blank=True)

    class Meta:
        ordering = ["-received_on", "-id"]
        indexes = [
            models.Index(fields=["unit", "received_on"]),
            models.Index(fields=["unit", "current_due"]),
        ]
        verbose_name = "đơn thư"
        verbose_name_plural = "đơn thư"

    def __str__(self) -> str:
        return f"Đơn #{self.pk} ({self.get_kind_display().lower()}) ngày {format_date_short(self.received_on)}"


class PetitionEvent(models.Model):
    """The petition's history, in words without personal data."""

    petition = models.ForeignKey(Petition, on_delete=models.CASCADE, related_name="events")
    at = models.DateTimeField(auto_now_add=True)
    on = models.DateField("ngày")
    user = optional_user()
    stage = models.CharField(max_length=10, choices=Stage.choices)
    text = models.CharField("nội dung", max_length=500)

    class Meta:
        ordering = ["at", "id"]


class Dialogue(models.Model):
    """A dialogue of the unit's head with citizens or staff."""

    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị", on_delete=models.PROTECT, related_name="+"
    )
    held_on = models.DateField("ngày đối thoại", db_index=True)
    title = models.CharField("chủ đề", max_length=300)
    chaired_by = models.CharField("người chủ trì", max_length=200)
    audience = models.CharField(
        "đối tượng",
        max_length=20,
        choices=[("citizens", "Nhân dân"), ("staff", "Cán bộ, người lao động")],
        default="citizens",
    )
    participants = models.TextField("thành phần tham dự", blank=True)
    participant_count = models.PositiveIntegerField("số người tham dự", default=0)
    topics = models.TextField("ý kiến, kiến nghị nêu ra", blank=True)
    created_by = optional_user()
    created_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["-held_on", "-id"]
        verbose_name = "cuộc đối thoại"
        verbose_name_plural = "cuộc đối thoại"

    def __str__(self) -> str:
        return f"Đối thoại ngày {format_date_short(self.held_on)}: {self.title}"


class CommitmentStatus(models.TextChoices):
    OPEN = "open", "Chưa thực hiện"
    IN_PROGRESS = "in_progress", "Đang thực hiện"
    DONE = "done", "Đã thực hiện"


class Commitment(models.Model):
    dialogue = models.ForeignKey(Dialogue, on_delete=models.CASCADE, related_name="commitments")
    content = models.TextField("nội dung cam kết")
    owner = models.CharField("người, bộ phận thực hiện", max_length=200)
    due_on = models.DateField("hạn thực hiện")
    status = models.CharField(
        "tình trạng", max_length=12, choices=CommitmentStatus.choices, default=CommitmentStatus.OPEN
    )
    follow_up = models.TextField("kết quả theo dõi", blank=True)
    done_on = models.DateField("ngày hoàn thành", null=True, blank=True)

    class Meta:
        ordering = ["due_on", "id"]
        verbose_name = "cam kết"
        verbose_name_plural = "cam kết"

    def __str__(self) -> str:
        return f"Cam kết #{self.pk} hạn {format_date_short(self.due_on)}"
