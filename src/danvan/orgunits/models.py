"""The org tree: units (with history) and the people who work in them."""

from __future__ import annotations

import datetime as dt

from django.db import models
from django.db.models import Q, QuerySet

from danvan.core.text import fold
from danvan.modelfields import optional_fk


def search_folded(qs: QuerySet, text: str, field: str = "search_key") -> QuerySet:
    """Rows whose folded key holds every folded word of `text`: case and diacritics
    ignored, đ = d, the same on SQLite and PostgreSQL (the key is stored folded)."""
    for term in fold(text or "").split():
        qs = qs.filter(**{f"{field}__contains": term})
    return qs


class UnitKind(models.TextChoices):
    TINH_UY = "tinh_uy", "Tỉnh ủy"
    BAN_DANG = "ban_dang", "Ban của Tỉnh ủy"
    DANG_UY = "dang_uy", "Đảng ủy"
    CHI_BO = "chi_bo", "Chi bộ"
    UBND_TINH = "ubnd_tinh", "UBND tỉnh"
    UBND_XA = "ubnd_xa", "UBND xã, phường"
    SO = "so", "Sở, ngành"
    BAN = "ban", "Ban"
    TRUNG_TAM = "trung_tam", "Trung tâm"
    PHONG = "phong", "Phòng"
    DON_VI_SU_NGHIEP = "don_vi_su_nghiep", "Đơn vị sự nghiệp"
    MAT_TRAN = "mat_tran", "Mặt trận, đoàn thể"
    KHAC = "khac", "Khác"


# A head's title when the staff list does not say it.
HEAD_TITLE: dict[str, str] = {
    UnitKind.TINH_UY: "Bí thư",
    UnitKind.BAN_DANG: "Trưởng ban",
    UnitKind.DANG_UY: "Bí thư",
    UnitKind.CHI_BO: "Bí thư",
    UnitKind.UBND_TINH: "Chủ tịch",
    UnitKind.UBND_XA: "Chủ tịch",
    UnitKind.SO: "Giám đốc",
    UnitKind.BAN: "Trưởng ban",
    UnitKind.TRUNG_TAM: "Giám đốc",
    UnitKind.PHONG: "Trưởng phòng",
    UnitKind.DON_VI_SU_NGHIEP: "Giám đốc",
}


def head_title(kind: str) -> str:
    return HEAD_TITLE.get(kind, "Thủ trưởng đơn vị")


def deputy_title(kind: str) -> str:
    head = head_title(kind)
    return f"Phó {head[:1].lower()}{head[1:]}"


PARTY_KINDS = {UnitKind.TINH_UY, UnitKind.BAN_DANG, UnitKind.DANG_UY, UnitKind.CHI_BO}

PATH_STEP = 6  # width of one path segment: supports ids up to 10^6 - 1 per level


def path_segment(pk: int) -> str:
    return f"{pk:0{PATH_STEP}d}"


class OrgUnitQuerySet(models.QuerySet):
    def active_on(self, day: dt.date) -> OrgUnitQuerySet:
        return self.filter(Q(valid_from__lte=day) | Q(valid_from__isnull=True)).filter(
            Q(valid_to__gte=day) | Q(valid_to__isnull=True)
        )

    def active(self) -> OrgUnitQuerySet:
        return self.filter(valid_to__isnull=True)

    def subtree_of(self, unit: OrgUnit) -> OrgUnitQuerySet:
        return self.filter(path__startswith=unit.path)


class FoldedKey(models.Model):
    """A stored, indexed search key: fold(searched_text()), refreshed on every save."""

    search_key = models.CharField(max_length=300, blank=True, editable=False, db_index=True)

    class Meta:
        abstract = True

    def searched_text(self) -> str:
        raise NotImplementedError

    def save(self, *args, **kwargs):
        self.search_key = fold(self.searched_text())[:300]
        if kwargs.get("update_fields") is not None:
            kwargs["update_fields"] = {*kwargs["update_fields"], "search_key"}
        super().save(*args, **kwargs)


class OrgUnit(FoldedKey):
    """A unit of the org tree (cơ quan, đơn vị).

    `path` is a materialised path of zero-padded ids ("000001000007"), kept by
    the services, so a subtree is one indexed prefix query at any size.
    Units are never deleted once they hold data: they are closed (valid_to),
    merged or split, and `UnitSuccession` keeps the lineage.
    """

    kind = models.CharField("loại đơn vị", max_length=20, choices=UnitKind.choices)
    name = models.CharField("tên đơn vị", max_length=255)
    short_code = models.CharField(
        "tên viết tắt",
        max_length=40,
        blank=True,
        help_text="Dùng trong số, ký hiệu văn bản, ví dụ TTDVVL",
    )
    place_name = models.CharField("địa danh", max_length=120, blank=True)
    parent = optional_fk(
        "self", "cơ quan chủ quản", on_delete=models.PROTECT, related_name="children"
    )
    path = models.CharField(max_length=255, db_index=True, editable=False, default="")
    depth = models.PositiveSmallIntegerField(default=0, editable=False)
    valid_from = models.DateField("hiệu lực từ", null=True, blank=True)
    valid_to = models.DateField("hiệu lực đến", null=True, blank=True)
    note = models.TextField("ghi chú", blank=True)

    objects = OrgUnitQuerySet.as_manager()

    class Meta:
        ordering = ["path"]
        verbose_name = "đơn vị"
        verbose_name_plural = "đơn vị"
        constraints = [
            models.UniqueConstraint(
                fields=["parent", "short_code"],
                condition=~Q(short_code="") & Q(valid_to__isnull=True),
                name="unique_active_short_code_per_parent",
            )
        ]

    def __str__(self) -> str:
        return self.name

    def searched_text(self) -> str:
        return f"{self.name} {self.short_code}"

    @property
    def is_active(self) -> bool:
        return self.valid_to is None or self.valid_to >= dt.date.today()

    @property
    def is_party(self) -> bool:
        return self.kind in PARTY_KINDS

    def ancestors(self) -> list[OrgUnit]:
        ids = [int(self.path[i : i + PATH_STEP]) for i in range(0, len(self.path), PATH_STEP)]
        by_id = OrgUnit.objects.in_bulk(ids[:-1])
        return [by_id[i] for i in ids[:-1] if i in by_id]

    def is_within(self, other: OrgUnit) -> bool:
        return self.path.startswith(other.path)


class UnitSuccession(models.Model):
    """Lineage: `predecessor`'s history continues in `successor`."""

    MERGE, SPLIT, RENAME, MOVE = "merge", "split", "rename", "move"
    KINDS = [(MERGE, "Sáp nhập"), (SPLIT, "Chia tách"), (RENAME, "Đổi tên"), (MOVE, "Điều chuyển")]

    predecessor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="successions")
    successor = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="predecessions")
    kind = models.CharField(max_length=10, choices=KINDS)
    on = models.DateField("ngày")
    note = models.CharField(max_length=255, blank=True)

    class Meta:
        ordering = ["-on"]


class UnitNameHistory(models.Model):
    """Former names of a unit, so old documents still find it."""

    unit = models.ForeignKey(OrgUnit, on_delete=models.CASCADE, related_name="former_names")
    name = models.CharField(max_length=255)
    short_code = models.CharField(max_length=40, blank=True)
    until = models.DateField()

    class Meta:
        ordering = ["-until"]


class StaffMember(FoldedKey):
    """A person (cán bộ, công chức, viên chức, người lao động).

    Where the person works is kept as assignments with dates, so a person who
    moves units keeps their history; `unit` is the current one, for queries.
    """

    full_name = models.CharField("họ và tên", max_length=120)
    birth_date = models.DateField("ngày sinh", null=True, blank=True)
    gender = models.CharField(
        "giới tính", max_length=3, blank=True, choices=[("nam", "Nam"), ("nu", "Nữ")]
    )
    unit = models.ForeignKey(
        OrgUnit, verbose_name="đơn vị hiện tại", on_delete=models.PROTECT, related_name="staff"
    )
    position = models.CharField("chức vụ", max_length=120, blank=True)
    recruited_on = models.DateField("ngày tuyển dụng", null=True, blank=True)
    active_from = models.DateField("bắt đầu công tác", null=True, blank=True)
    active_to = models.DateField("kết thúc công tác", null=True, blank=True)
    code = models.CharField("mã cán bộ", max_length=40, blank=True, db_index=True)

    class Meta:
        ordering = ["unit__path", "full_name"]
        verbose_name = "cán bộ"
        verbose_name_plural = "cán bộ"

    def __str__(self) -> str:
        return self.full_name

    def searched_text(self) -> str:
        return f"{self.full_name} {self.code} {self.position}"

    @property
    def is_active(self) -> bool:
        return self.active_to is None or self.active_to >= dt.date.today()


class StaffAssignment(models.Model):
    """One stint of a person in a unit, with the position held there."""

    staff = models.ForeignKey(StaffMember, on_delete=models.CASCADE, related_name="assignments")
    unit = models.ForeignKey(OrgUnit, on_delete=models.PROTECT, related_name="assignments")
    position = models.CharField(max_length=120, blank=True)
    start = models.DateField()
    end = models.DateField(null=True, blank=True)

    class Meta:
        ordering = ["staff", "start"]
