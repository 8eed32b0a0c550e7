"""The planning exports that grow with the province (issue 13 §1): a
movement's registry of models and the plan targets run as an "export_xlsx"
job above DANVAN_EXPORT_INLINE_ROWS rows. The page and the builder filter the
same way (the functions below), and each builder scopes its ids again through
the access helpers, with the starter's rights."""

from __future__ import annotations

from danvan.jobs import exports

from .access import get_movement, initiatives_for, targets_for
from .excel import registry_xlsx, targets_xlsx

REGISTRY_KEYS = ("year", "unit")
TARGET_KEYS = ("year",)


def asked(params, keys) -> dict[str, str]:
    """The filters a page was asked for, as the export job's parameters."""
    return {k: params[k] for k in keys if str(params.get(k) or "").isdigit()}


def registry_rows(user, movement, params):
    """A movement's models the user may see, filtered by year and unit."""
    qs = initiatives_for(user).filter(movement=movement)
    if str(params.get("year") or "").isdigit():
        qs = qs.filter(year=int(params["year"]))
    if str(params.get("unit") or "").isdigit():
        qs = qs.filter(unit_id=int(params["unit"]))
    return qs


def target_rows(user, params):
    """The plan targets the user may see, filtered by year."""
    qs = targets_for(user).order_by("-year", "unit__path", "indicator__code")
    if str(params.get("year") or "").isdigit():
        qs = qs.filter(year=int(params["year"]))
    return qs


@exports.export("planning_registry", "sổ đăng ký mô hình")
def registry(user, params: dict) -> tuple[str, bytes]:
    movement = get_movement(user, params["movement"])
    qs = registry_rows(user, movement, params).order_by("-year", "unit__path")
    return f"so-dang-ky-mo-hinh-{movement.pk}.xlsx", registry_xlsx(movement, qs)


@exports.export("planning_targets", "chỉ tiêu kế hoạch")
def targets(user, params: dict) -> tuple[str, bytes]:
    return "chi-tieu-ke-hoach.xlsx", targets_xlsx(target_rows(user, params))
