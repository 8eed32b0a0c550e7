"""Award rounds and the quotas set by the deciding authority."""

from __future__ import annotations

from decimal import Decimal

from django.core.exceptions import PermissionDenied
from django.db import transaction

from danvan.accounts import access
from danvan.audit import services as audit
from danvan.core.errors import DomainError
from danvan.core.rules import (
    AUTHORITIES,
    TITLES,
)
from danvan.emulation.models import (
    AwardRound,
    QuotaRule,
    RoundKind,
)
from danvan.emulation.services.common import _require, _year_ok
from danvan.orgunits.models import OrgUnit

# --- rounds and quotas -------------------------------------------------------------


@transaction.atomic
def create_round(
    user,
    *,
    unit: OrgUnit,
    year: int,
    deciding_unit: OrgUnit,
    authority: str = "giam_doc_so",
    kind: str = RoundKind.ANNUAL,
    name: str = "",
    approval_threshold: Decimal | int = Decimal("50"),
    disclosure_days: int = 5,
) -> AwardRound:
    _require(user, "edit", unit, "Bạn không có quyền mở đợt xét khen thưởng cho đơn vị này.")
    year = _year_ok(year)
    if kind not in RoundKind.values:
        raise DomainError("Loại đợt không hợp lệ.", field="kind")
    if authority not in AUTHORITIES:
        raise DomainError("Thẩm quyền quyết định không hợp lệ.", field="authority")
    if not unit.is_within(deciding_unit):
        raise DomainError(
            "Cơ quan quyết định phải là chính đơn vị hoặc cơ quan cấp trên của đơn vị.",
            field="deciding_unit",
        )
    threshold = Decimal(str(approval_threshold))
    if not Decimal("0") < threshold <= Decimal("100"):
        raise DomainError(
            "Tỷ lệ đồng ý tối thiểu phải trong khoảng (0; 100] %.", "approval_threshold"
        )
    if not 1 <= int(disclosure_days) <= 60:
        raise DomainError("Số ngày công khai phải từ 1 đến 60.", field="disclosure_days")
    if (
        kind == RoundKind.ANNUAL
        and AwardRound.objects.filter(unit=unit, year=year, kind=RoundKind.ANNUAL).exists()
    ):
        raise DomainError(
            f"{unit.name} đã có đợt xét khen thưởng hằng năm cho năm {year}.", field="year"
        )
    name = (name or "").strip() or (
        f"Xét khen thưởng năm {year}"
        if kind == RoundKind.ANNUAL
        else f"Khen thưởng đột xuất năm {year}"
    )
    rnd = AwardRound(
        unit=unit,
        year=year,
        kind=kind,
        name=name,
        deciding_unit=deciding_unit,
        authority=authority,
        approval_threshold=threshold,
        disclosure_days=int(disclosure_days),
    )
    return audit.add(user, rnd, unit_id=unit.pk)


def _require_quota_rights(
    user, unit: OrgUnit, message: str = "Chỉ cơ quan quyết định khen thưởng được đặt hạn mức."
) -> None:
    """Reviewers and heads of a unit set its caps and the data behind them."""
    if not (access.can(user, "review", unit) or access.can(user, "approve", unit)):
        raise PermissionDenied(message)


@transaction.atomic
def set_quota(
    user,
    *,
    unit: OrgUnit,
    year: int,
    title: str,
    max_percent_of: str = "",
    percent: Decimal | None = None,
    max_count: int | None = None,
    basis: str = "",
) -> QuotaRule:
    _require_quota_rights(user, unit)
    year = _year_ok(year)
    if title not in TITLES:
        raise DomainError(f"Danh hiệu “{title}” không có trong danh mục.", field="title")
    if max_percent_of and max_percent_of not in TITLES:
        raise DomainError("Danh hiệu làm cơ sở tính tỷ lệ không hợp lệ.", field="max_percent_of")
    if (percent is None) != (not max_percent_of):
        raise DomainError(
            "Hạn mức theo tỷ lệ cần cả tỷ lệ (%) và danh hiệu làm cơ sở tính.", field="percent"
        )
    if percent is not None and not Decimal("0") <= Decimal(percent) <= Decimal("100"):
        raise DomainError("Tỷ lệ phải từ 0 đến 100%.", field="percent")
    if percent is None and max_count is None:
        raise DomainError("Cần nhập tỷ lệ tối đa hoặc số lượng tối đa.", field="max_count")
    quota = QuotaRule(
        unit=unit,
        year=year,
        title=title,
        max_percent_of=max_percent_of or "",
        percent=percent,
        max_count=max_count,
        basis=basis.strip(),
    )
    return audit.add(user, quota, unit_id=unit.pk)


@transaction.atomic
def delete_quota(user, quota: QuotaRule) -> None:
    _require_quota_rights(user, quota.unit)
    audit.delete(user, quota, unit_id=quota.unit_id)
