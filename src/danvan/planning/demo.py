"""Demo planning data from the samples of Trung tâm Dịch vụ việc làm Sơn La:
its indicators, annual plans (targets), its "Dân vận khéo" initiative and its
2023 dân vận – dân chủ plan. Idempotent: a second run creates nothing."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from danvan.planning import services
from danvan.planning.models import (
    Aggregation,
    Indicator,
    Initiative,
    InitiativeStatus,
    Movement,
    Plan,
    PlanStatus,
    Target,
    TaskStatus,
)

# code, name, unit of measure, group, aggregation, higher is better, extra
INDICATORS = [
    ("TV_LUOT", "Tư vấn chính sách, việc làm, học nghề", "lượt người", "Việc làm", "sum", True, {}),
    ("KN_LD", "Kết nối việc làm thành công", "lao động", "Việc làm", "sum", True, {}),
    (
        "CU_LD",
        "Lao động do Trung tâm trực tiếp giới thiệu, cung ứng",
        "lao động",
        "Việc làm",
        "sum",
        True,
        {},
    ),
    ("HN_TV", "Hội nghị tư vấn, giới thiệu việc làm", "hội nghị", "Việc làm", "sum", True, {}),
    (
        "TD_WEB",
        "Hồ sơ tuyển dụng của doanh nghiệp đăng trên Website",
        "hồ sơ",
        "Thông tin thị trường lao động",
        "sum",
        True,
        {},
    ),
    (
        "TV_WEB",
        "Hồ sơ tìm việc đăng trên Website",
        "hồ sơ",
        "Thông tin thị trường lao động",
        "sum",
        True,
        {},
    ),
    (
        "HS_BHTN",
        "Hồ sơ đề nghị hưởng trợ cấp thất nghiệp tiếp nhận",
        "hồ sơ",
        "Bảo hiểm thất nghiệp",
        "sum",
        False,
        {},
    ),
    (
        "QD_BHTN",
        "Người có quyết định hưởng trợ cấp thất nghiệp",
        "người",
        "Bảo hiểm thất nghiệp",
        "sum",
        True,
        {},
    ),
    ("TCD", "Lượt tiếp công dân", "lượt", "Dân vận, dân chủ", "sum", True, {}),
    (
        "DON_THU",
        "Đơn thư khiếu nại, tố cáo tiếp nhận",
        "đơn",
        "Dân vận, dân chủ",
        "sum",
        False,
        {},
    ),
    ("DVK_MH", "Mô hình “Dân vận khéo” đăng ký", "mô hình", "Dân vận, dân chủ", "sum", True, {}),
    (
        "DVK_KQ",
        "Kết quả thực hiện mô hình “Dân vận khéo” (tự đánh giá)",
        "",
        "Dân vận, dân chủ",
        "latest",
        True,
        {"allow_non_numeric": True},
    ),
]
RATIOS = [
    (
        "TL_BHTN",
        "Tỷ lệ hồ sơ BHTN có quyết định hưởng",
        "%",
        "Bảo hiểm thất nghiệp",
        "QD_BHTN",
        "HS_BHTN",
    ),
]

# Annual plans of the Trung tâm (consistent with the samples' percentages:
# 8.794 / 8.500 = 103% for 6 tháng 2022; 23.832 / 8.500 = 280% for the year;
# 1.886 / 2.000 = 94,3%; 2.922 / 2.000 = 146%; 221 / 350 = 63%; 164 / 150 = 109%;
# 618 / 600 = 103%).
TARGETS = {
    "2021-Y": {"TV_LUOT": 8000, "KN_LD": 1800, "CU_LD": 300},
    "2022-Y": {"TV_LUOT": 8500, "KN_LD": 2000, "CU_LD": 350, "TD_WEB": 150, "TV_WEB": 600},
    "2023-Y": {"TV_LUOT": 9000, "KN_LD": 2500, "CU_LD": 350, "TD_WEB": 160, "TV_WEB": 620},
}
OTHER_TARGETS = {  # Trung tâm Công tác xã hội: small figures, for roll-ups with two branches
    "2022-Y": {"TV_LUOT": 1200},
    "2023-Y": {"TV_LUOT": 1300},
}

MOVEMENT = {
    "name": "Phong trào thi đua “Dân vận khéo”",
    "start_year": 2021,
    "end_year": 2025,
    "description": "Đẩy mạnh thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021–2025 "
    "trong các cơ quan, đơn vị của hệ thống chính trị tỉnh Sơn La.",
    "legal_bases": "Chỉ thị số 11-CT/TU ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy về đẩy mạnh "
    "thực hiện phong trào thi đua “Dân vận khéo” giai đoạn 2021–2025\n"
    "Quyết định số 2674/QĐ-UBND ngày 02/11/2021 của UBND tỉnh Sơn La ban hành Kế hoạch phát "
    "động phong trào thi đua “Dân vận khéo gắn với thực hiện quy chế dân chủ trong cơ quan "
    "hành chính Nhà nước, đơn vị sự nghiệp công lập, doanh nghiệp và ở cơ sở” giai đoạn 2021–2025",
}

INITIATIVE = {
    "name": "Lãnh đạo Chính quyền đổi mới phương pháp tuyên truyền tư vấn việc làm, nâng cao "
    "tỷ lệ kết nối cung – cầu lao động",
    "situation": "Số lượng cán bộ viên chức Trung tâm còn mỏng; người lao động ở vùng sâu, vùng "
    "xa ít tiếp cận thông tin việc làm; tỷ lệ kết nối cung – cầu lao động chưa cao.",
    "objectives": "Nâng cao số lượt người được tư vấn và số lao động được kết nối việc làm ổn "
    "định; đạt và vượt chỉ tiêu kế hoạch năm.",
    "content": "Lãnh đạo chính quyền xây dựng và đổi mới phương thức truyền thông tư vấn việc "
    "làm; thiết lập mạng lưới cộng tác viên tuyên truyền, tư vấn, giới thiệu việc làm; động "
    "viên chuyên viên tư vấn tích cực tìm tòi, sáng tạo đổi mới phương pháp truyền đạt phù hợp "
    "với người lao động Sơn La.",
    "area_and_beneficiaries": "12 huyện, thành phố của tỉnh Sơn La; người lao động chưa có "
    "việc làm, mất việc làm, lao động có việc làm chưa ổn định.",
    "lead_and_partners": "Chi bộ, Ban Giám đốc Trung tâm chủ trì; phối hợp phòng LĐ-TBXH các "
    "huyện, thành phố, các công ty, doanh nghiệp trong và ngoài tỉnh.",
    "resources": "Viên chức Trung tâm, mạng lưới cộng tác viên tại các xã, bản; kinh phí "
    "hoạt động thường xuyên.",
    "timeframe": "Năm 2022",
    "start_on": dt.date(2022, 3, 18),
    "end_on": dt.date(2022, 12, 31),
    "outputs": "Số lượt người được tư vấn; số lao động được kết nối việc làm thành công; số hội "
    "nghị định hướng nghề nghiệp, tư vấn tuyển sinh, tuyển dụng.",
    "sustainability": "Duy trì hằng năm; nhân rộng mạng lưới cộng tác viên tư vấn việc làm đến "
    "các xã, bản.",
    "registered_on": dt.date(2022, 3, 18),
}
SELF_EVALUATION = (
    "Sơ kết 6 tháng đầu năm 2022: tư vấn cho 8.794 lượt người, đạt 103% so với kế hoạch, tăng "
    "43% so với cùng kỳ năm 2021; phối hợp tổ chức 73 hội nghị; kết nối thành công cho 1.886 lao "
    "động, đạt 94,3% so với kế hoạch, tăng 48,6% so với cùng kỳ năm 2021. Khó khăn: số lượng cán "
    "bộ viên chức còn mỏng, nhiều viên chức đang nuôi con nhỏ."
)
REVIEW_COMMENT = (
    "Mô hình có kết quả cụ thể, kiểm chứng được; đề nghị tiếp tục duy trì, bổ sung số liệu cả "
    "năm 2022 để xem xét công nhận điển hình."
)

PLAN = {
    "title": "Kế hoạch triển khai nhiệm vụ công tác dân vận, dân chủ năm 2023",
    "legal_bases": "Kế hoạch số 19/KH-SLĐTBXH ngày 10/2/2023 của Sở Lao động – TBXH về triển "
    "khai thực hiện công tác dân vận, dân chủ năm 2023",
    "purposes": "1. Tạo sự chuyển biến mạnh mẽ trong nhận thức của viên chức và người lao động "
    "về vai trò, vị trí và tầm quan trọng của công tác dân vận, dân chủ; vai trò trách nhiệm "
    "của người đứng đầu cơ quan.\n"
    "2. Tăng cường khối đại đoàn kết dân tộc, đẩy mạnh công tác tuyên truyền, tập hợp và vận "
    "động viên chức, người lao động; tích cực hưởng ứng phong trào thi đua “Dân vận khéo”.\n"
    "3. Đẩy mạnh công tác cải cách hành chính, xây dựng đội ngũ viên chức, người lao động "
    "nhiệt tình, trách nhiệm, hết lòng phục vụ nhân dân.",
    "requirements": "Xác định công tác dân vận, dân chủ là nhiệm vụ trọng tâm, thường xuyên, là "
    "trách nhiệm của cấp ủy, chính quyền, trước hết là người đứng đầu đơn vị.",
    "implementation": "Giao Trưởng phòng Hành chính – Tổng hợp tham mưu công tác dân vận, dân "
    "chủ; tổng hợp báo cáo về Sở Lao động – TBXH (báo cáo 6 tháng trước ngày 10/5; báo cáo cuối "
    "năm trước ngày 20/11).",
}
SECTION_1 = "1. Về công tác dân vận chính quyền"
SECTION_2 = "2. Về công tác dân chủ trong hoạt động của đơn vị"
# (section, code, title, responsible unit key, deadline, status)
TASKS = [
    (
        SECTION_1,
        "1.1",
        "Tiếp tục triển khai thực hiện các văn bản chỉ đạo về công tác dân vận của Trung ương, "
        "Tỉnh ủy, UBND tỉnh; tuyên truyền các đề án, chương trình phát triển kinh tế – xã hội "
        "vùng đồng bào dân tộc thiểu số và miền núi (Nghị quyết số 16-NQ/TU ngày 31/8/2021).",
        "hcth",
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_1,
        "1.2",
        "Triển khai nhiệm vụ theo kế hoạch của Ban Chỉ đạo tỉnh về thực hiện QCDC ở cơ sở; "
        "quán triệt, triển khai Luật Thực hiện dân chủ ở cơ sở (có hiệu lực từ 01/7/2023).",
        "hcth",
        dt.date(2023, 7, 1),
        TaskStatus.DONE,
    ),
    (
        SECTION_1,
        "1.3",
        "Thực hiện nghiêm quy chế dân chủ ở cơ sở; phương châm “Dân biết, dân bàn, dân làm, dân "
        "kiểm tra, dân giám sát, dân thụ hưởng”.",
        None,
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_1,
        "1.4",
        "Tăng cường tuyên truyền giáo dục đạo đức công vụ; phong cách “Trọng dân, gần dân, hiểu "
        "dân, học dân và có trách nhiệm với dân”.",
        None,
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_1,
        "1.5",
        "Đẩy mạnh cải cách hành chính, trọng tâm là cải cách thủ tục hành chính; phòng, chống "
        "tham nhũng, nhũng nhiễu, phiền hà đối với nhân dân, doanh nghiệp.",
        "bhtn",
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_1,
        "1.6",
        "Thực hiện nghiêm trách nhiệm tiếp công dân của người đứng đầu; đối thoại theo Quy định "
        "số 429-QĐ/TU ngày 01/7/2022; giải quyết kịp thời đơn, thư khiếu nại, tố cáo.",
        "hcth",
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_1,
        "1.7",
        "Đẩy mạnh phong trào thi đua “Dân vận khéo”; đề xuất nhân rộng các mô hình điển hình "
        "(Chỉ thị số 11-CT/TU ngày 28/9/2021).",
        "tvgt",
        dt.date(2023, 11, 20),
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_1,
        "1.8",
        "Tăng cường kiểm tra, giám sát, xử lý nghiêm viên chức, người lao động vi phạm pháp "
        "luật, thiếu trách nhiệm với nhân dân.",
        None,
        None,
        TaskStatus.NOT_STARTED,
    ),
    (
        SECTION_1,
        "1.9",
        "Tiếp thu ý kiến đóng góp của Mặt trận Tổ quốc, các tổ chức chính trị – xã hội và nhân "
        "dân trong xây dựng, thực hiện chính sách, pháp luật.",
        None,
        None,
        TaskStatus.NOT_STARTED,
    ),
    (
        SECTION_2,
        "2.1",
        "Tuyên truyền, phổ biến và đẩy mạnh thực hiện dân chủ trong hoạt động của đơn vị (Nghị "
        "định số 145/2020/NĐ-CP; Nghị định số 04/2015/NĐ-CP).",
        "hcth",
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_2,
        "2.2",
        "Triển khai có hiệu quả Chỉ thị số 30/CT-UBND ngày 20/10/2021 của UBND tỉnh về tăng "
        "cường thực hiện quy chế dân chủ ở cơ sở.",
        None,
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_2,
        "2.3",
        "Kiểm tra, giám sát việc triển khai; rà soát, sửa đổi, bổ sung các quy chế, quy định, "
        "quy trình thực hiện dân chủ.",
        "hcth",
        dt.date(2023, 9, 30),
        TaskStatus.NOT_STARTED,
    ),
    (
        SECTION_2,
        "2.4",
        "Đẩy mạnh cải cách hành chính, nhất là thủ tục hành chính thuộc phạm vi quản lý của đơn vị.",
        None,
        None,
        TaskStatus.IN_PROGRESS,
    ),
    (
        SECTION_2,
        "2.5",
        "Tổ chức thực hiện đầy đủ các nội dung về thực hiện dân chủ trong hoạt động của đơn vị "
        "(Kết luận số 120-KL/TW ngày 07/01/2016 của Bộ Chính trị).",
        None,
        None,
        TaskStatus.NOT_STARTED,
    ),
]


def _indicators(admin) -> dict[str, Indicator]:
    out = {i.code: i for i in Indicator.objects.all()}

    def ensure(code: str, name: str, uom: str, group: str, **kw) -> None:
        if code not in out:
            out[code] = services.create_indicator(
                admin, code=code, name=name, unit_of_measure=uom, group=group, **kw
            )

    for code, name, uom, group, agg, better, extra in INDICATORS:
        ensure(code, name, uom, group, aggregation=agg, higher_is_better=better, **extra)
    # Ratios after the indicators they divide.
    for code, name, uom, group, num, den in RATIOS:
        ensure(
            code,
            name,
            uom,
            group,
            aggregation=Aggregation.RATIO,
            numerator=out[num],
            denominator=out[den],
            decimals=1,
        )
    return out


def extend(ctx, stdout=None) -> None:
    admin = ctx.admin
    units = ctx.units
    indicators = _indicators(admin)
    ctx.indicators = indicators

    for unit_key, plans in (("ttdvvl", TARGETS), ("ttbtxh", OTHER_TARGETS)):
        unit = units[unit_key]
        for period, figures in plans.items():
            for code, value in figures.items():
                if not Target.objects.filter(
                    indicator=indicators[code], unit=unit, period=period
                ).exists():
                    services.set_target(
                        admin,
                        indicator=indicators[code],
                        unit=unit,
                        period=period,
                        value=Decimal(value),
                    )

    movement = Movement.objects.filter(
        name=MOVEMENT["name"], organiser=units["bdvtu"], start_year=2021
    ).first()
    if movement is None:
        movement = services.create_movement(admin, organiser=units["bdvtu"], **MOVEMENT)
    if not movement.legal_reference_ids:
        # Its bases, where the archive's legal-reference registry knows them.
        refs = services.registry_matches(admin, movement.legal_basis_lines)
        if refs:
            services.update_movement(admin, movement, legal_reference_ids=[r.pk for r in refs])
    ctx.movement = movement

    ttdvvl = units["ttdvvl"]
    initiative = Initiative.objects.filter(movement=movement, unit=ttdvvl, year=2022).first()
    if initiative is None:
        initiative = services.register_initiative(
            admin, movement=movement, unit=ttdvvl, year=2022, **INITIATIVE
        )
        services.set_initiative_target(admin, initiative, indicators["TV_LUOT"], 8500)
        services.set_initiative_target(admin, initiative, indicators["KN_LD"], 2000)
        services.advance_initiative(admin, initiative, InitiativeStatus.IMPLEMENTING)
        services.advance_initiative(
            ctx.users.get("giamdoc.ttdvvl", admin),
            initiative,
            InitiativeStatus.EVALUATED,
            text=SELF_EVALUATION,
            rating="good",
        )
        services.comment_initiative(
            ctx.users.get("bandanvan", admin), initiative, REVIEW_COMMENT, rating="good"
        )
    initiative.refresh_from_db()
    ctx.initiative = initiative

    plan = Plan.objects.filter(unit=ttdvvl, year=2023, title=PLAN["title"]).first()
    if plan is None:
        plan = services.create_plan(admin, unit=ttdvvl, period="2023-Y", **PLAN)
        for order, (section, code, title, resp, deadline, status) in enumerate(TASKS, start=1):
            services.add_task(
                admin,
                plan,
                order=order,
                section=section,
                code=code,
                title=title,
                responsible_unit=units.get(resp) if resp else None,
                responsible_text=units[resp].name if resp else "Các phòng, bộ phận chuyên môn",
                deadline=deadline,
                status=status,
            )
        services.issue_plan(admin, plan, issued_on=dt.date(2023, 2, 20))
    assert plan.status == PlanStatus.ISSUED or plan.tasks.exists()
    ctx.plan = plan
    if stdout is not None:
        stdout.write(
            f"  kế hoạch & chỉ tiêu: {len(indicators)} chỉ tiêu, phong trào “Dân vận khéo”, "
            f"mô hình của TTDVVL, kế hoạch năm 2023 ({plan.tasks.count()} nhiệm vụ)"
        )
