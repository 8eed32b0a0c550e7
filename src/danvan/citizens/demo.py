"""Demo book for the TTDVVL and the Sở LĐ-TB&XH: a year of receptions,
petitions at every stage (one forwarded with a numbered công văn, one
duplicate, one anonymous tố cáo), two dialogues with commitments.
Idempotent: a unit that already has receptions is left alone.
All names are invented."""

from __future__ import annotations

import datetime as dt
import random
from typing import Any

from django.utils import timezone

from danvan.core.periods import Period

from . import dialogues, services, sync
from .models import Kind, Outcome, Place, Reception, Sector

CITIZENS = [
    ("Lò Văn Pấng", "bản Mòng, xã Hua La, Sơn La", "014085001234"),
    ("Quàng Thị Xuân", "tổ 3, phường Chiềng Lề, Sơn La", "014190002345"),
    ("Hoàng Văn Khọi", "bản Củ, xã Chiềng Cọ, Sơn La", ""),
    ("Cà Thị Ban", "xã Mường Bú, Sơn La", "014301003456"),
    ("Tòng Văn Ướn", "bản Hẹ, xã Chiềng Ngần, Sơn La", ""),
]
SO_CITIZENS = [
    ("Điêu Văn Nọi", "xã Chiềng Sơn, Mộc Châu, Sơn La", ""),
    ("Lường Thị Ỏn", "xã Tạ Khoa, Bắc Yên, Sơn La", "014195004567"),
]
CONTENTS = [
    (Sector.INSURANCE, "Hỏi về thủ tục hưởng trợ cấp thất nghiệp sau khi nghỉ việc."),
    (Sector.LABOUR, "Đề nghị giới thiệu việc làm tại khu công nghiệp Mai Sơn."),
    (Sector.LABOUR, "Phản ánh doanh nghiệp chậm trả lương tháng trước."),
    (Sector.INSURANCE, "Hỏi về việc bảo lưu thời gian đóng bảo hiểm thất nghiệp."),
    (Sector.ADMIN, "Hỏi về hồ sơ đi làm việc ở nước ngoài theo hợp đồng."),
]


def _receptions(
    user, unit, today: dt.date, count: int, rng: random.Random, people=CITIZENS
) -> None:
    start = today - dt.timedelta(days=364)
    for i in range(count):
        day = start + dt.timedelta(days=rng.randrange(0, 365))
        name, address, id_number = people[i % len(people)]
        field, content = CONTENTS[i % len(CONTENTS)]
        services.record_reception(
            user,
            unit=unit,
            received_on=day,
            content=content,
            field=field,
            place=Place.HEAD if i % 10 == 0 else Place.OFFICE,
            citizen_name=name,
            citizen_address=address,
            citizen_id_number=id_number,
            group_size=7 if i % 25 == 0 else 1,
            outcome=Outcome.ANSWERED if i % 3 == 0 else Outcome.GUIDED,
            today=today,
        )


def _petition(user, unit, today: dt.date, days_ago: int, kind: str, subject: str, **details):
    """A petition the unit received `days_ago` days before today."""
    return services.receive_petition(
        user,
        unit=unit,
        received_on=today - dt.timedelta(days=days_ago),
        kind=kind,
        subject=subject,
        today=today,
        **details,
    )


def _petitions(officer, head, unit, today: dt.date) -> None:
    def new(kind, days_ago, who=0, subject=None, **kw):
        name, address, id_number = CITIZENS[who]
        return _petition(
            officer,
            unit,
            today,
            days_ago,
            kind,
            subject or CONTENTS[who][1],
            complainant_name=name,
            complainant_address=address,
            complainant_id_number=id_number,
            field=CONTENTS[who][0],
            **kw,
        )

    new(Kind.KIEN_NGHI, 2, 0)  # received
    p = new(Kind.PHAN_ANH, 20, 1)  # classified, processing deadline passed
    services.classify(officer, p, kind=Kind.PHAN_ANH, eligible=True, competent=True, today=today)
    p = new(Kind.KHIEU_NAI, 30, 2, "Khiếu nại quyết định không hưởng trợ cấp thất nghiệp.")
    services.classify(officer, p, kind=Kind.KHIEU_NAI, eligible=True, competent=True, today=today)
    services.accept(head, p, on=today - dt.timedelta(days=25), today=today)
    services.assign(head, p, assignee=officer, today=today)
    p = new(Kind.KIEN_NGHI, 60, 3, "Kiến nghị về chế độ hỗ trợ học nghề.")
    services.classify(officer, p, kind=Kind.KIEN_NGHI, eligible=True, competent=True, today=today)
    services.accept(head, p, on=today - dt.timedelta(days=58), today=today)
    services.reply(
        officer,
        p,
        text="Đã trả lời bằng văn bản về chế độ hỗ trợ học nghề.",
        on=today - dt.timedelta(days=50),
        today=today,
    )
    services.close(officer, p, today=today)
    p = new(Kind.KHIEU_NAI, 120, 4, "Khiếu nại việc chậm chi trả trợ cấp.")
    services.classify(officer, p, kind=Kind.KHIEU_NAI, eligible=True, competent=True, today=today)
    services.accept(head, p, on=today - dt.timedelta(days=115), today=today)
    services.assign(head, p, assignee=officer, today=today)
    services.record_verification(officer, p, text="Đã xác minh hồ sơ chi trả.", today=today)
    services.conclude(
        head,
        p,
        text="Khiếu nại đúng một phần; chi trả bổ sung.",
        on=today - dt.timedelta(days=80),
        today=today,
    )
    p = new(Kind.TO_CAO, 40, 0, "Tố cáo việc thu tiền trái quy định khi làm hồ sơ.")
    services.classify(officer, p, kind=Kind.TO_CAO, eligible=True, competent=False, today=today)
    services.forward(
        head, p, to_name="Thanh tra tỉnh Sơn La", on=today - dt.timedelta(days=35), today=today
    )
    new(Kind.KIEN_NGHI, 0, 0)  # duplicate of the first (still open)
    _petition(
        officer,
        unit,
        today,
        5,
        Kind.TO_CAO,
        "Thư không ký tên tố cáo cán bộ nhận quà.",
        anonymous=True,
    )


# (held days ago, title, details, commitments: (content, owner, due in days,
# (done days ago, note) or None)), chaired by the director.
Commitment = tuple[str, str, int, tuple[int, str] | None]
DIALOGUES: list[tuple[int, str, dict[str, Any], list[Commitment]]] = [
    (
        90,
        "Đối thoại với người lao động về bảo hiểm thất nghiệp",
        {
            "participants": "Người lao động tại khu công nghiệp Mai Sơn",
            "participant_count": 45,
            "topics": "Thời gian giải quyết hồ sơ; thủ tục trực tuyến.",
        },
        [
            (
                "Rút ngắn thời gian trả kết quả hồ sơ trợ cấp.",
                "Phòng Bảo hiểm thất nghiệp",
                -30,
                None,
            ),
            (
                "Hướng dẫn nộp hồ sơ trực tuyến tại bản.",
                "Phòng Tư vấn, giới thiệu việc làm",
                -60,
                (61, "Đã tổ chức 3 buổi hướng dẫn."),
            ),
        ],
    ),
    (
        20,
        "Đối thoại với cán bộ, viên chức về thực hiện dân chủ ở cơ sở",
        {"audience": "staff", "participant_count": 28, "topics": "Công khai tiêu chí xét thi đua."},
        [
            (
                "Công khai tiêu chí xét thi đua trên bảng tin.",
                "Phòng Hành chính – Tổng hợp",
                15,
                None,
            )
        ],
    ),
]


def _dialogues(user, unit, today: dt.date) -> None:
    for held_ago, title, details, commitments in DIALOGUES:
        d = dialogues.create_dialogue(
            user,
            unit=unit,
            held_on=today - dt.timedelta(days=held_ago),
            title=title,
            chaired_by="Giám đốc",
            today=today,
            **details,
        )
        for content, owner, due_in, done in commitments:
            c = dialogues.add_commitment(
                user, d, content=content, owner=owner, due_on=today + dt.timedelta(days=due_in)
            )
            if done is not None:
                done_ago, note = done
                dialogues.follow_up(
                    user,
                    c,
                    status="done",
                    note=note,
                    on=today - dt.timedelta(days=done_ago),
                    today=today,
                )


def extend(ctx, stdout=None) -> None:
    today = timezone.localdate()
    rng = random.Random(14)
    officer, head = ctx.users["canbo.ttdvvl"], ctx.users["giamdoc.ttdvvl"]
    ttdvvl, so = ctx.units["ttdvvl"], ctx.units["sldtbxh"]
    so_head = ctx.users["thamdinh.sldtbxh"]
    if not Reception.objects.filter(unit=ttdvvl).exists():
        _receptions(officer, ttdvvl, today, 120, rng)
        _petitions(officer, head, ttdvvl, today)
        _dialogues(officer, ttdvvl, today)
    if not Reception.objects.filter(unit=so).exists():
        _receptions(so_head, so, today, 60, rng, SO_CITIZENS)
        _petition(
            so_head,
            so,
            today,
            3,
            Kind.KIEN_NGHI,
            "Kiến nghị về chính sách hỗ trợ người lao động mất việc.",
            complainant_name="Vì Thị Sinh",
            complainant_address="xã Mường La, Sơn La",
        )
    sync.ensure_indicators(ctx.admin)
    sync.fill_values(officer, ttdvvl, Period.whole_year(today.year))
    if stdout is not None:
        stdout.write("Tiếp công dân, đơn thư, đối thoại: dữ liệu mẫu đã có.\n")
