"""The emulation exports that grow with the province (issue 13 §1): the
year's commendation summary of a unit's subtree and a round's prize money run
as an "export_xlsx" job above DANVAN_EXPORT_INLINE_ROWS rows. Each builder
scopes its ids again through the access helpers, with the starter's rights."""

from __future__ import annotations

from danvan.accounts.access import get_unit_for_user
from danvan.core.text import fold
from danvan.jobs import exports

from . import excel, services
from .access import get_round


@exports.export("emulation_summary", "tổng hợp kết quả khen thưởng")
def summary(user, params: dict) -> tuple[str, bytes]:
    unit = get_unit_for_user(user, params["unit"])
    data = services.commendation_summary(unit, int(params["year"]))
    name = f"tong-hop-khen-thuong-{params['year']}-{(unit.short_code or unit.pk)}.xlsx"
    return fold(name).replace(" ", "-"), excel.summary_xlsx(data)


@exports.export("emulation_money", "tiền thưởng của đợt")
def money(user, params: dict) -> tuple[str, bytes]:
    rnd = get_round(user, params["round"])
    return f"tien-thuong-dot-{rnd.pk}.xlsx", services.money_xlsx(rnd)
