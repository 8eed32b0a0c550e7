"""Demo reporting data: the Trung tâm's 2021–2022 figures (as in the samples),
its accepted 6-month 2022 report, a 2023 request of Sở LĐ-TB&XH in which two
units are late, a cross-tree request of the Ban Dân vận Tỉnh ủy to state
agencies, and one open request due in a few days (reminders). Idempotent."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.utils import timezone

from danvan.accounts.demo import ensure_units
from danvan.accounts.models import Role, RoleKind
from danvan.core.periods import Period, cutoff_window
from danvan.orgunits.models import OrgUnit, StaffMember, UnitKind, head_title
from danvan.planning.models import Indicator

from . import services
from .models import (
    IndicatorValue,
    Provenance,
    ReportEvent,
    ReportRequest,
    ReportStatus,
    UnitReport,
    ValueState,
)
from .services import excel
from .services.signoff import Signer
from .services.values import store_value

EXTRA_UNITS = [
    ("cnmt", "sldtbxh", UnitKind.DON_VI_SU_NGHIEP, "Cơ sở Cai nghiện ma túy tỉnh Sơn La", "CSCNMT"),
    ("qbtte", "sldtbxh", UnitKind.DON_VI_SU_NGHIEP, "Quỹ Bảo trợ trẻ em tỉnh Sơn La", "QBTTE"),
]

DVK_6M = "Báo cáo kết quả công tác dân vận khéo 6 tháng đầu năm 2022"
SRC_6M = "Báo cáo kết quả phong trào thi đua “Dân vận khéo” 6 tháng đầu năm 2022 của TTDVVL"
SRC_Y = "Báo cáo tổng kết công tác thi đua, khen thưởng năm 2022 của TTDVVL"

# (unit key, period, indicator code, value, source reference, source sentence)
HISTORY = [
    ("ttdvvl", "2021-H1", "TV_LUOT", 6150, "", ""),
    ("ttdvvl", "2021-H1", "KN_LD", 1269, "", ""),
    ("ttdvvl", "2021-H1", "HN_TV", 51, "", ""),
    ("ttdvvl", "2021-Y", "TV_LUOT", 9062, "", ""),
    ("ttdvvl", "2021-Y", "KN_LD", 2104, "", ""),
    ("ttdvvl", "2021-Y", "CU_LD", 131, "", ""),
    ("ttdvvl", "2021-Y", "HS_BHTN", 3999, "", ""),
    ("ttdvvl", "2021-Y", "QD_BHTN", 3720, "", ""),
    ("ttdvvl", "2021-Y", "HN_TV", 98, "", ""),
    (
        "ttdvvl",
        "2022-H1",
        "TV_LUOT",
        8794,
        SRC_6M,
        "Tư vấn cho người lao động về cơ chế chính sách pháp luật lao động việc làm, học nghề, "
        "xuất khẩu lao động ... tới 8.794 lượt người đạt 103% so với kế hoạch đề ra, tăng 43% so "
        "với cùng kỳ năm 2021.",
    ),
    (
        "ttdvvl",
        "2022-H1",
        "KN_LD",
        1886,
        SRC_6M,
        "Đã phối hợp với các nhà tuyển dụng kết nối thành công cho 1.886 lao động có việc làm ổn "
        "định tại Tập đoàn, Công ty trong và ngoài tỉnh, đạt 94.3% so với kế hoạch đề ra, tăng "
        "48,6% so với cùng kỳ năm 2021.",
    ),
    (
        "ttdvvl",
        "2022-H1",
        "HN_TV",
        73,
        SRC_6M,
        "tổ chức 73 Hội nghị định hướng nghiệp, tư vấn tuyên truyền tuyển sinh học nghề và tuyển "
        "lao động",
    ),
    (
        "ttdvvl",
        "2022-Y",
        "TV_LUOT",
        23832,
        SRC_Y,
        "... cho 23.832 lượt người đạt 280% so với kế hoạch đề ra, tăng 163% so với cùng kỳ năm "
        "2021.",
    ),
    (
        "ttdvvl",
        "2022-Y",
        "KN_LD",
        2922,
        SRC_Y,
        "Đã kết nối việc làm thành công cho 2.922 lao động đang làm việc ổn định ... (đạt 146% so "
        "với kế hoạch).",
    ),
    (
        "ttdvvl",
        "2022-Y",
        "CU_LD",
        221,
        SRC_Y,
        "Trung tâm trực tiếp giới thiệu và cung ứng 221 lao động ... (đạt 63% so với kế hoạch đề "
        "ra, tăng 90 người so với cùng kỳ năm 2021).",
    ),
    ("ttdvvl", "2022-Y", "HN_TV", 142, SRC_Y, "Trung tâm đã tổ chức thành công 142 Hội nghị"),
    ("ttdvvl", "2022-Y", "TD_WEB", 164, SRC_Y, "164 Hồ sơ tuyển dụng (đạt 109% so với kế hoạch)"),
    ("ttdvvl", "2022-Y", "TV_WEB", 618, SRC_Y, "618 Hồ sơ tìm việc (đạt 103% so với kế hoạch)"),
    (
        "ttdvvl",
        "2022-Y",
        "HS_BHTN",
        3599,
        SRC_Y,
        "Số người nộp hồ sơ hưởng trợ cấp thất nghiệp: 3.599 người. (Giảm 10% so với cùng kỳ năm "
        "2021).",
    ),
    (
        "ttdvvl",
        "2022-Y",
        "QD_BHTN",
        3362,
        SRC_Y,
        "Số người đã có quyết định hưởng trợ cấp thất nghiệp: 3.362 người.",
    ),
    ("ttbtxh", "2021-Y", "TV_LUOT", 980, "", ""),
    ("ttbtxh", "2022-H1", "TV_LUOT", 610, "", ""),
    ("ttbtxh", "2022-H1", "KN_LD", 45, "", ""),
    ("ttbtxh", "2022-H1", "HN_TV", 6, "", ""),
    ("ttbtxh", "2022-Y", "TV_LUOT", 1250, "", ""),
]

HEADINGS_6M = [
    ("1.", "Kết quả triển khai thực hiện", "Lãnh đạo, chỉ đạo, tuyên truyền; kết quả mô hình."),
    ("2.", "Khó khăn, vướng mắc trong triển khai thực hiện", ""),
    ("3.", "Nhiệm vụ trọng tâm 6 tháng cuối năm", ""),
    ("4.", "Đề xuất, kiến nghị", ""),
]
NARRATIVE_2022 = [
    "Trung tâm Dịch vụ việc làm Sơn La đã xây dựng và ban hành Kế hoạch số 130/KH-TTDVVL ngày "
    "09/3/2022 về triển khai công tác Dân vận – Dân chủ năm 2022; Công văn số 146/TTDVVL ngày "
    "18/3/2022 về việc đăng ký mô hình “Dân vận khéo” năm 2022. Chi bộ Trung tâm đăng ký xây "
    "dựng mô hình “Lãnh đạo Chính quyền đổi mới phương pháp tuyên truyền tư vấn việc làm, nâng "
    "cao tỷ lệ kết nối cung – cầu lao động”.",
    "Đôi lúc chưa quyết liệt trong lãnh đạo, chỉ đạo triển khai các phong trào thi đua; số lượng "
    "cán bộ viên chức Trung tâm còn quá mỏng, số cán bộ viên chức đang trong thời kỳ nuôi con "
    "nhỏ nhiều nên việc tổ chức triển khai thực hiện mô hình đôi lúc còn gặp khó khăn.",
    "Tiếp tục duy trì nội dung thi đua và phong trào thi đua “Dân vận khéo”; triển khai thực "
    "hiện nghiêm mô hình “Dân vận khéo” Chi bộ đã đăng ký; phấn đấu hoàn thành tốt các chỉ tiêu, "
    "nhiệm vụ được giao.",
    "Thường xuyên tổ chức các lớp tập huấn công tác “dân vận”, “dân vận khéo” cho cán bộ, viên "
    "chức, người lao động trong các đơn vị.",
]

REQ_2023 = "Báo cáo kết quả công tác dân vận, dân chủ 6 tháng đầu năm 2023"
REQ_CROSS = "Báo cáo kết quả thực hiện phong trào thi đua “Dân vận khéo” năm 2023"


def _aware(day: dt.date, hour: int = 9) -> dt.datetime:
    return timezone.make_aware(dt.datetime.combine(day, dt.time(hour, 0)))


def _backdate(
    report: UnitReport, submitted: dt.date | None, reviewed: dt.date | None, due: dt.date
) -> None:
    fields: dict = {}
    if submitted is not None:
        fields.update(
            first_submitted_at=_aware(submitted),
            submitted_at=_aware(submitted),
            late=submitted > due,
        )
        report.events.filter(kind=ReportEvent.SUBMIT).update(
            at=_aware(submitted), late=submitted > due
        )
    if reviewed is not None:
        fields.update(reviewed_at=_aware(reviewed, 15))
        report.events.filter(kind__in=[ReportEvent.ACCEPT, ReportEvent.RETURN]).update(
            at=_aware(reviewed, 15)
        )
    report.events.filter(kind=ReportEvent.SAVE).update(
        at=_aware((submitted or due) - dt.timedelta(days=1))
    )
    UnitReport.objects.filter(pk=report.pk).update(**fields)


def _fill(admin, report: UnitReport, figures: dict[str, object], texts: list[str]) -> UnitReport:
    report.refresh_from_db()
    by_code = {
        r.indicator.code: r.indicator.pk
        for r in report.request.form_rows.select_related("indicator")
    }
    headings = list(report.request.headings.all())
    return services.save_report(
        admin,
        report,
        version=report.version,
        values={by_code[c]: v for c, v in figures.items() if c in by_code},
        sections={h.pk: t for h, t in zip(headings, texts, strict=False)},
    )


def _head_signer(unit: OrgUnit) -> Signer:
    """The unit's head for the demo's signatures: the head's account, else its staff list."""
    role = Role.objects.filter(unit=unit, kind=RoleKind.HEAD).select_related("user").first()
    if role is not None:
        return Signer(role.user.get_full_name() or role.user.username, head_title(unit.kind))
    for member in StaffMember.objects.filter(unit=unit, active_to__isnull=True).order_by("pk"):
        if member.position:
            return Signer(member.full_name, member.position, head_title(unit.kind))
    return Signer("Lãnh đạo đơn vị", head_title(unit.kind))


def _propose(admin, report: UnitReport) -> UnitReport:
    return services.propose_report(admin, report)


def _sign(admin, report: UnitReport, on: dt.date | None = None) -> UnitReport:
    report = _propose(admin, report)
    return services.sign_report(admin, report, _head_signer(report.unit), signed_on=on)


def _send_up(admin, report: UnitReport, on: dt.date | None = None) -> UnitReport:
    """The whole chain inside the unit: proposed, signed by the head, sent."""
    return services.submit_report(admin, _sign(admin, report, on))


def _sent(
    admin,
    req: ReportRequest,
    unit: OrgUnit,
    on: dt.date,
    figures: dict[str, object] | None = None,
    texts: list[str] | None = None,
) -> UnitReport:
    """The unit's report of the request, filled in (when figures are given) and sent up on `on`."""
    report = req.reports.get(unit=unit)
    if figures is not None:
        _fill(admin, report, figures, texts or [])
    _send_up(admin, report, on)
    return report


def _request(admin, title: str, **kw) -> tuple[ReportRequest, bool]:
    found = ReportRequest.objects.filter(title=title, requester_unit=kw["requester_unit"]).first()
    if found is not None:
        return found, False
    return services.create_request(admin, title=title, **kw), True


def extend(ctx, stdout=None) -> None:
    admin = ctx.admin
    units = ctx.units
    services.ensure_default_rules()
    ensure_units(admin, EXTRA_UNITS, units)
    ind = {i.code: i for i in Indicator.objects.all()}
    if "TV_LUOT" not in ind:  # planning demo not loaded
        return

    for key, period, code, value, ref, sentence in HISTORY:
        if IndicatorValue.objects.filter(
            indicator=ind[code], unit=units[key], period=period
        ).exists():
            continue
        store_value(
            admin,
            indicator=ind[code],
            unit_id=units[key].pk,
            period=Period.parse(period),
            number=Decimal(value),
            source=Provenance.DOCUMENT if ref else Provenance.TYPED,
            source_ref=ref,
            source_sentence=sentence,
            state=ValueState.ACCEPTED,
        )

    sldtbxh, bdvtu = units["sldtbxh"], units["bdvtu"]
    reviewer = ctx.users.get("thamdinh.sldtbxh", admin)

    # 1. The accepted 6-month 2022 report of the Trung tâm (history, as in the sample).
    req, made = _request(
        admin,
        DVK_6M,
        requester_unit=sldtbxh,
        period="2022-H1",
        deadline=dt.date(2022, 6, 20),
        units=[units["ttdvvl"], units["ttbtxh"]],
        indicators=[ind["TV_LUOT"], ind["KN_LD"], ind["HN_TV"]],
        headings=HEADINGS_6M,
        scope_note="Các đơn vị trực thuộc Sở",
    )
    if made:
        rep = _sent(admin, req, units["ttdvvl"], dt.date(2022, 6, 16), {}, NARRATIVE_2022)
        services.accept_report(reviewer, rep)
        _backdate(rep, dt.date(2022, 6, 17), dt.date(2022, 6, 21), req.due_date)
        other = _sent(admin, req, units["ttbtxh"], dt.date(2022, 6, 19))
        services.accept_report(reviewer, other)
        _backdate(other, dt.date(2022, 6, 20), dt.date(2022, 6, 22), req.due_date)

    # 2. The 2023 request of Sở LĐ-TB&XH: two units late (one sent late, one never sent).
    req, made = _request(
        admin,
        REQ_2023,
        requester_unit=sldtbxh,
        number="95/SLĐTBXH-VP",
        period="2023-H1",
        deadline=dt.date(2023, 6, 20),
        grace_days=0,
        units=[units["ttdvvl"], units["ttbtxh"], units["cnmt"], units["qbtte"]],
        indicators=[ind["TV_LUOT"], ind["KN_LD"], ind["HN_TV"], ind["TCD"], ind["DON_THU"]],
        headings=HEADINGS_6M,
        scope_note="Các đơn vị trực thuộc Sở",
    )
    if made:
        due = req.due_date
        rep = _sent(
            admin,
            req,
            units["ttdvvl"],
            dt.date(2023, 6, 15),
            {"TV_LUOT": "9.350", "KN_LD": "1.420", "HN_TV": "70", "TCD": "12", "DON_THU": "0"},
            [
                "Trung tâm ban hành Kế hoạch triển khai nhiệm vụ công tác dân vận, dân chủ năm "
                "2023; tiếp tục duy trì mô hình “Dân vận khéo” về tư vấn việc làm.",
                "Biên chế còn mỏng so với khối lượng công việc.",
                "Tiếp tục thực hiện các nhiệm vụ trọng tâm của Kế hoạch năm 2023.",
                "",
            ],
        )
        services.accept_report(reviewer, rep)
        _backdate(rep, dt.date(2023, 6, 16), dt.date(2023, 6, 21), due)
        late = _sent(
            admin,
            req,
            units["ttbtxh"],
            dt.date(2023, 6, 26),
            {"TV_LUOT": "640", "KN_LD": "0", "HN_TV": "8", "TCD": "5", "DON_THU": "1"},
        )
        _backdate(late, dt.date(2023, 6, 27), None, due)
        back = _sent(
            admin,
            req,
            units["qbtte"],
            dt.date(2023, 6, 18),
            {"TV_LUOT": "0", "KN_LD": "0", "HN_TV": "2", "TCD": "3", "DON_THU": "0"},
        )
        services.return_report(
            reviewer, back, "Thiếu nội dung mục 1 (kết quả triển khai); đề nghị bổ sung."
        )
        _backdate(back, dt.date(2023, 6, 19), dt.date(2023, 6, 22), due)
        # Cơ sở Cai nghiện: never sent (overdue).

    # 3. Cross-tree: the Ban Dân vận Tỉnh ủy asks state agencies.
    req, made = _request(
        admin,
        REQ_CROSS,
        requester_unit=bdvtu,
        number="215-CV/BDVTU",
        kind="topical",
        period="2023-Y",
        deadline=dt.date(2023, 12, 18),
        units=[sldtbxh, units["snv"], units["syt"]],
        indicators=[ind["DVK_MH"], ind["TCD"], ind["DON_THU"]],
        headings=[
            ("1.", "Công tác lãnh đạo, chỉ đạo, tuyên truyền", ""),
            ("2.", "Kết quả xây dựng, nhân rộng mô hình “Dân vận khéo”", ""),
            ("3.", "Hạn chế và đề xuất", ""),
        ],
        scope_note="Các sở, ngành thuộc UBND tỉnh",
    )
    if made:
        due = req.due_date
        rep = _sent(
            admin,
            req,
            sldtbxh,
            dt.date(2023, 12, 14),
            {"DVK_MH": "4", "TCD": "35", "DON_THU": "3"},
            [
                "Sở quán triệt Chỉ thị số 11-CT/TU tới các đơn vị trực thuộc.",
                "04 mô hình “Dân vận khéo” được đăng ký, trong đó mô hình của Trung tâm Dịch vụ "
                "việc làm đạt kết quả nổi bật.",
                "",
            ],
        )
        services.accept_report(ctx.users.get("bandanvan", admin), rep)
        _backdate(rep, dt.date(2023, 12, 15), dt.date(2023, 12, 19), due)
        snv = _sent(
            admin,
            req,
            units["snv"],
            dt.date(2023, 12, 18),
            {"DVK_MH": "2", "TCD": "20", "DON_THU": "1"},
            ["Đã triển khai."],
        )
        _backdate(snv, dt.date(2023, 12, 18), None, due)

    # 4. An open request due in a few days: reminders show in the app.
    today = timezone.localdate()
    month = Period.month(today.year, today.month)
    if today.day < 16:
        month = month.previous()
    deadline = max(today + dt.timedelta(days=4), cutoff_window(month)[1] + dt.timedelta(days=5))
    quick, made = _request(
        admin,
        f"Báo cáo nhanh công tác dân vận {month.label.lower()}",
        requester_unit=sldtbxh,
        period=month.code,
        deadline=deadline,
        reminder_days=7,
        units=[units["ttdvvl"], units["ttbtxh"]],
        indicators=[ind["TV_LUOT"], ind["KN_LD"], ind["TCD"]],
        headings=[("1.", "Tình hình, kết quả nổi bật", ""), ("2.", "Đề xuất, kiến nghị", "")],
        scope_note="Các trung tâm trực thuộc Sở",
    )
    if made:
        # An Excel import waiting at its preview step (nothing saved yet).

        rep = quick.reports.get(unit=units["ttdvvl"])
        excel.create_import(admin, rep, "so-lieu-thang.xlsx", excel.template_xlsx(rep))
    _inside_the_unit(admin, units, ind)
    if stdout is not None:
        stdout.write(
            f"  báo cáo: {ReportRequest.objects.count()} đợt báo cáo, "
            f"{UnitReport.objects.exclude(status=ReportStatus.DRAFT).count()} báo cáo đã gửi, "
            f"{IndicatorValue.objects.count()} số liệu"
        )


def _inside_the_unit(admin, units, ind) -> None:
    """A request of last quarter caught inside the units: the Trung tâm's report waits
    for its Giám đốc (the head's queue), the Trung tâm CTXH's is signed, not yet sent."""
    today = timezone.localdate()
    quarter = Period.parse(f"{today.year}-Q{(today.month - 1) // 3 + 1}").previous()
    deadline = max(today + dt.timedelta(days=6), cutoff_window(quarter)[1] + dt.timedelta(days=5))
    req, made = _request(
        admin,
        f"Báo cáo kết quả công tác dân vận {quarter.label.lower()}",
        requester_unit=units["sldtbxh"],
        period=quarter.code,
        deadline=deadline,
        units=[units["ttdvvl"], units["ttbtxh"]],
        indicators=[ind["HN_TV"], ind["TCD"]],
        headings=[("1.", "Kết quả nổi bật", ""), ("2.", "Đề xuất, kiến nghị", "")],
        scope_note="Các trung tâm trực thuộc Sở",
    )
    if not made:
        return
    waiting = req.reports.get(unit=units["ttdvvl"])
    _fill(
        admin,
        waiting,
        {"HN_TV": "21", "TCD": "4"},
        ["Tổ chức 21 hội nghị tư vấn việc làm tại các huyện.", ""],
    )
    _propose(admin, waiting)
    signed = req.reports.get(unit=units["ttbtxh"])
    _fill(admin, signed, {"HN_TV": "6", "TCD": "2"}, ["Duy trì tư vấn tại cơ sở.", ""])
    _sign(admin, signed)
