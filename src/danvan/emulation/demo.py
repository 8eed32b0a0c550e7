"""Demo data: four years of records for the staff of Trung tâm Dịch vụ việc
làm Sơn La, the 2024 round carried through to its decision, and the 2025
round in progress (suggestions show real eligibles and near misses).

Idempotent: a second run creates nothing new.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from danvan.orgunits.models import StaffMember

from . import services
from .models import AwardRecord, AwardRound, DisciplinaryAction, Innovation, QuotaRule

LDTT = "lao_dong_tien_tien"
CSTDCS = "chien_si_thi_dua_co_so"
TTLDTT = "tap_the_lao_dong_tien_tien"
GIAY_KHEN = "giay_khen"
BANG_KHEN = "bang_khen_cap_tinh"

# name → ratings 2022..2025 (None: not rated that year), leave 2025
RATINGS = {
    "Lò Thị Anh Hoa": ("htxs", "htxs", "htxs", "htxs"),
    "Trần Văn Dũng": ("htt", "htt", "htt", "htt"),
    "Hà Thị Thu": ("htt", "htxs", "htxs", "htxs"),
    "Cầm Văn Minh": ("htt", "htt", "htt", "htt"),
    "Nguyễn Thị Mai": ("htxs", "htxs", "htxs", "htxs"),
    "Lê Văn Nam": ("htt", "htt", "htt", "htxs"),
    "Đỗ Thị Hằng": (None, None, "htt", "htt"),
    "Phạm Văn Long": ("htt", "htt", "htxs", "htt"),
    "Bạc Thị Nga": ("htt", "htt", "htt", "ht"),
    "Tòng Văn Sơn": ("htt", "htt", "htt", "htt"),
}
YEARS = (2022, 2023, 2024, 2025)
LEAVE = {("Đỗ Thị Hằng", 2025): 45}  # long sick leave: a near miss for LĐTT

COLLECTIVE_RATINGS = {"ttdvvl": "htxs", "hcth": "htt", "tvgt": "htxs", "bhtn": "htt"}

# (name, year, title, scope, recognised by)
INNOVATIONS = [
    ("Nguyễn Thị Mai", 2022, "Tư vấn việc làm lưu động kết hợp tuyên truyền tại bản", "co_so"),
    ("Nguyễn Thị Mai", 2023, "Kết nối cung – cầu lao động qua nhóm Zalo xã", "co_so"),
    ("Nguyễn Thị Mai", 2024, "Sàn giao dịch việc làm trực tuyến liên huyện", "cap_tinh"),
    ("Nguyễn Thị Mai", 2025, "Phiếu tư vấn nghề điện tử cho lao động nông thôn", "co_so"),
    ("Lò Thị Anh Hoa", 2022, "Quy trình một cửa tiếp nhận hồ sơ bảo hiểm thất nghiệp", "co_so"),
    ("Lò Thị Anh Hoa", 2023, "Bảng theo dõi chỉ tiêu việc làm theo tháng", "co_so"),
    ("Lò Thị Anh Hoa", 2024, "Chuẩn hóa mẫu báo cáo thị trường lao động", "co_so"),
    ("Lò Thị Anh Hoa", 2025, "Lịch giao dịch việc làm lưu động theo mùa vụ", "co_so"),
    ("Hà Thị Thu", 2025, "Số hóa sổ văn bản đi, đến của Trung tâm", "co_so"),
    ("Phạm Văn Long", 2024, "Tra cứu hồ sơ hưởng trợ cấp thất nghiệp qua mã QR", "co_so"),
]

# (name or unit key, year, title, decision number, decided on, decided by)
HISTORY = [
    *[
        (name, 2022, LDTT, "35/QĐ-SLĐTBXH", dt.date(2023, 1, 20), "Sở LĐTBXH")
        for name in RATINGS
        if name != "Đỗ Thị Hằng"
    ],
    ("Nguyễn Thị Mai", 2022, CSTDCS, "36/QĐ-SLĐTBXH", dt.date(2023, 1, 20), "Sở LĐTBXH"),
    ("Lò Thị Anh Hoa", 2022, CSTDCS, "36/QĐ-SLĐTBXH", dt.date(2023, 1, 20), "Sở LĐTBXH"),
    ("Hà Thị Thu", 2022, GIAY_KHEN, "37/QĐ-SLĐTBXH", dt.date(2023, 1, 20), "Sở LĐTBXH"),
    ("Lò Thị Anh Hoa", 2022, BANG_KHEN, "215/QĐ-LĐTBXH", dt.date(2023, 2, 14), "Bộ LĐTBXH"),
    *[
        (key, 2022, TTLDTT, "35/QĐ-SLĐTBXH", dt.date(2023, 1, 20), "Sở LĐTBXH")
        for key in ("ttdvvl", "hcth", "tvgt", "bhtn")
    ],
    ("bhtn", 2022, GIAY_KHEN, "37/QĐ-SLĐTBXH", dt.date(2023, 1, 20), "Sở LĐTBXH"),
    *[
        (name, 2023, LDTT, "18/QĐ-SLĐTBXH", dt.date(2024, 1, 17), "Sở LĐTBXH")
        for name in RATINGS
        if name != "Đỗ Thị Hằng"
    ],
    ("Nguyễn Thị Mai", 2023, CSTDCS, "19/QĐ-SLĐTBXH", dt.date(2024, 1, 17), "Sở LĐTBXH"),
    ("Lò Thị Anh Hoa", 2023, CSTDCS, "19/QĐ-SLĐTBXH", dt.date(2024, 1, 17), "Sở LĐTBXH"),
    *[
        (key, 2023, TTLDTT, "18/QĐ-SLĐTBXH", dt.date(2024, 1, 17), "Sở LĐTBXH")
        for key in ("ttdvvl", "hcth", "tvgt", "bhtn")
    ],
]

PLEDGES_2025 = [
    ("Nguyễn Thị Mai", CSTDCS),
    ("Hà Thị Thu", CSTDCS),
    ("Lê Văn Nam", LDTT),
    ("tvgt", TTLDTT),
]


def _say(stdout, message: str) -> None:
    if stdout is not None:
        stdout.write(message)


def load_records(ctx) -> dict[str, StaffMember]:
    """Ratings, innovations, discipline and earlier titles (idempotent)."""
    admin = ctx.admin
    branch = ctx.units["ttdvvl"]
    staff = {
        s.full_name: s
        for s in StaffMember.objects.filter(unit__path__startswith=branch.path).select_related(
            "unit"
        )
    }
    for name, ratings in RATINGS.items():
        person = staff.get(name)
        if person is None:
            continue
        have = {r.year for r in person.ratings.all()}
        for year, rating in zip(YEARS, ratings, strict=True):
            if rating and year not in have:
                services.set_rating(
                    admin,
                    person,
                    year=year,
                    rating=rating,
                    leave_working_days=LEAVE.get((name, year), 0),
                )
    for key, rating in COLLECTIVE_RATINGS.items():
        unit = ctx.units[key]
        have = set(unit.emulation_ratings.values_list("year", flat=True))
        for year in YEARS:
            if year not in have:
                services.set_collective_rating(admin, unit, year=year, rating=rating)
    for name, year, title, scope in INNOVATIONS:
        person = staff.get(name)
        if person is None or Innovation.objects.filter(staff=person, title=title).exists():
            continue
        services.add_innovation(
            admin,
            person,
            title=title,
            year=year,
            scope=scope,
            recognised_by="Hội đồng sáng kiến Sở LĐTBXH"
            if scope == "cap_tinh"
            else "Hội đồng sáng kiến Trung tâm",
            applied=True,
        )
    son = staff.get("Tòng Văn Sơn")
    if son is not None and not DisciplinaryAction.objects.filter(staff=son).exists():
        services.add_discipline(
            admin,
            son,
            level="khien_trach",
            decided_on=dt.date(2025, 5, 12),
            effective_until=dt.date(2026, 5, 11),
            decision_number="52/QĐ-TTDVVL",
            note="Chậm giải quyết hồ sơ bảo hiểm thất nghiệp",
        )
    for who, year, title, number, on, by in HISTORY:
        person = staff.get(who)
        unit = None if person is not None else ctx.units.get(who)
        if person is None and unit is None:
            continue
        subject = {"staff": person} if person is not None else {"collective": unit}
        if AwardRecord.objects.filter(**subject, title=title, year=year).exists():
            continue
        services.add_award_record(
            admin,
            **subject,
            title=title,
            year=year,
            decision_number=number,
            decided_on=on,
            decided_by=by,
        )
    return staff


def _quota(ctx, year: int) -> None:
    so = ctx.units["sldtbxh"]
    if not QuotaRule.objects.filter(unit=so, year=year).exists():
        services.set_quota(
            ctx.admin,
            unit=so,
            year=year,
            title=CSTDCS,
            max_percent_of=LDTT,
            percent=Decimal("30"),
            basis="Quy chế thi đua, khen thưởng của Sở LĐTBXH (hạn mức của đơn vị)",
        )


def _new_round(ctx, year: int) -> AwardRound | None:
    """The Trung tâm's annual round of the year (decided by the Sở), opened with
    its quota; None when the demo made it before."""
    unit, so = ctx.units["ttdvvl"], ctx.units["sldtbxh"]
    if AwardRound.objects.filter(unit=unit, year=year, kind="annual").exists():
        return None
    _quota(ctx, year)
    return services.create_round(
        ctx.users["canbo.ttdvvl"],
        unit=unit,
        year=year,
        deciding_unit=so,
        authority="giam_doc_so",
        approval_threshold=Decimal("70"),
        disclosure_days=5,
    )


def _round_2024(ctx, staff: dict[str, StaffMember], rnd: AwardRound) -> None:
    """The 2024 round, walked through every step with the services."""
    officer = ctx.users["canbo.ttdvvl"]
    council = ctx.users["thuky.ttdvvl"]
    head = ctx.users["giamdoc.ttdvvl"]
    reviewer = ctx.users["thamdinh.sldtbxh"]
    items = [(f"p{staff[n].pk}", LDTT) for n in RATINGS if n in staff and n not in ("Đỗ Thị Hằng",)]
    items += [(f"p{staff[n].pk}", CSTDCS) for n in ("Nguyễn Thị Mai", "Lò Thị Anh Hoa")]
    items += [(f"u{ctx.units[k].pk}", TTLDTT) for k in ("ttdvvl", "tvgt")]
    noms = services.nominate_many(officer, rnd, items)
    services.record_council_vote(
        council,
        rnd,
        held_on=dt.date(2024, 12, 12),
        members=7,
        present=7,
        votes={n.pk: (7, 0) for n in noms},
    )
    services.open_disclosure(officer, rnd, on=dt.date(2024, 12, 13))
    services.submit_round(head, rnd, on=dt.date(2024, 12, 20))
    for nom in rnd.nominations.all():
        services.appraise_nomination(reviewer, nom, accept=True, note="Đủ tiêu chuẩn")
    services.issue_decision(
        reviewer,
        rnd,
        signed_on=dt.date(2025, 1, 15),
        signer_name="Nguyễn Văn Bình",
        signer_position="Giám đốc",
        number=12,
    )


def _round_2025(ctx, staff: dict[str, StaffMember], rnd: AwardRound) -> None:
    """The 2025 round: pledges made, one nomination started."""
    officer = ctx.users["canbo.ttdvvl"]
    for who, title in PLEDGES_2025:
        person = staff.get(who)
        subject = {"staff": person} if person is not None else {"collective": ctx.units[who]}
        services.add_pledge(officer, rnd, **subject, title=title)
    nam = staff.get("Lê Văn Nam")
    if nam is not None:
        services.nominate(
            officer,
            rnd,
            staff=nam,
            title=LDTT,
            achievement="Hoàn thành xuất sắc nhiệm vụ tư vấn, giới thiệu việc làm năm 2025.",
        )


def extend(ctx, stdout=None) -> None:
    if not {"ttdvvl", "sldtbxh"} <= set(ctx.units):
        _say(stdout, "Thi đua – khen thưởng: không có đơn vị mẫu, bỏ qua.")
        return
    before = AwardRound.objects.count()
    staff = load_records(ctx)
    for year, walk in ((2024, _round_2024), (2025, _round_2025)):
        rnd = _new_round(ctx, year)
        if rnd is not None:
            walk(ctx, staff, rnd)
    made = AwardRound.objects.count() - before
    _say(
        stdout,
        f"Thi đua – khen thưởng: hồ sơ 2022–2025 của {len(staff)} cán bộ; "
        f"{made} đợt xét mới (2024 đã có quyết định, 2025 đang lập đề nghị).",
    )
