"""Demo org tree and users, built from the samples' world (Sơn La)."""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass, field

from django.contrib.auth import get_user_model

from danvan.orgunits import services as unit_services
from danvan.orgunits.models import OrgUnit, StaffMember, UnitKind

from .models import Role, RoleKind

DEMO_PASSWORD = "DanVan@2026"

# (key, parent key, kind, name, short code)
UNITS = [
    ("tu", None, UnitKind.TINH_UY, "Tỉnh ủy Sơn La", "TU"),
    ("bdvtu", "tu", UnitKind.BAN_DANG, "Ban Dân vận Tỉnh ủy Sơn La", "BDVTU"),
    ("ubnd", None, UnitKind.UBND_TINH, "Ủy ban nhân dân tỉnh Sơn La", "UBND"),
    ("sldtbxh", "ubnd", UnitKind.SO, "Sở Lao động – Thương binh và Xã hội tỉnh Sơn La", "SLĐTBXH"),
    ("ttdvvl", "sldtbxh", UnitKind.TRUNG_TAM, "Trung tâm Dịch vụ việc làm Sơn La", "TTDVVL"),
    ("hcth", "ttdvvl", UnitKind.PHONG, "Phòng Hành chính – Tổng hợp", "HCTH"),
    ("tvgt", "ttdvvl", UnitKind.PHONG, "Phòng Tư vấn, giới thiệu việc làm", "TVGTVL"),
    ("bhtn", "ttdvvl", UnitKind.PHONG, "Phòng Bảo hiểm thất nghiệp", "BHTN"),
    ("ttbtxh", "sldtbxh", UnitKind.TRUNG_TAM, "Trung tâm Công tác xã hội tỉnh Sơn La", "TTCTXH"),
    ("snv", "ubnd", UnitKind.SO, "Sở Nội vụ tỉnh Sơn La", "SNV"),
    ("btdkt", "snv", UnitKind.BAN, "Ban Thi đua – Khen thưởng", "BTĐKT"),
    ("syt", "ubnd", UnitKind.SO, "Sở Y tế tỉnh Sơn La", "SYT"),
]

# (username, full name, unit key, role kinds, persona)
USERS = [
    ("canbo.ttdvvl", "Hà Thị Thu", "ttdvvl", [RoleKind.OFFICER], "cán bộ nhập liệu của Trung tâm"),
    (
        "giamdoc.ttdvvl",
        "Lò Thị Anh Hoa",
        "ttdvvl",
        [RoleKind.HEAD],
        "lãnh đạo Trung tâm (ký, duyệt)",
    ),
    (
        "thuky.ttdvvl",
        "Cầm Văn Minh",
        "ttdvvl",
        [RoleKind.COUNCIL],
        "thư ký Hội đồng TĐKT Trung tâm",
    ),
    (
        "canbo.ttctxh",
        "Quàng Thị Lan",
        "ttbtxh",
        [RoleKind.OFFICER, RoleKind.HEAD],
        "cán bộ Trung tâm CTXH",
    ),
    (
        "thamdinh.sldtbxh",
        "Nguyễn Văn Bình",
        "sldtbxh",
        [RoleKind.REVIEWER, RoleKind.HEAD],
        "cán bộ thẩm định của Sở LĐ-TB&XH",
    ),
    (
        "bandanvan",
        "Lường Văn Thắng",
        "bdvtu",
        [RoleKind.REVIEWER, RoleKind.OFFICER],
        "chuyên viên Ban Dân vận Tỉnh ủy",
    ),
    (
        "thidua.snv",
        "Đinh Thị Hạnh",
        "btdkt",
        [RoleKind.REVIEWER, RoleKind.OFFICER],
        "chuyên viên Ban TĐKT, Sở Nội vụ",
    ),
    ("canbo.syt", "Vì Văn Hùng", "syt", [RoleKind.OFFICER], "cán bộ Sở Y tế (đơn vị khác nhánh)"),
]

STAFF = [
    ("ttdvvl", "Lò Thị Anh Hoa", "Phó Giám đốc", dt.date(2008, 9, 1)),
    ("ttdvvl", "Trần Văn Dũng", "Giám đốc", dt.date(2005, 3, 1)),
    ("hcth", "Hà Thị Thu", "Chuyên viên", dt.date(2015, 8, 1)),
    ("hcth", "Cầm Văn Minh", "Trưởng phòng", dt.date(2010, 6, 1)),
    ("tvgt", "Nguyễn Thị Mai", "Trưởng phòng", dt.date(2012, 1, 1)),
    ("tvgt", "Lê Văn Nam", "Viên chức", dt.date(2019, 8, 1)),
    ("tvgt", "Đỗ Thị Hằng", "Viên chức", dt.date(2024, 9, 1)),
    ("bhtn", "Phạm Văn Long", "Trưởng phòng", dt.date(2011, 4, 1)),
    ("bhtn", "Bạc Thị Nga", "Viên chức", dt.date(2016, 2, 1)),
    ("bhtn", "Tòng Văn Sơn", "Viên chức", dt.date(2020, 10, 1)),
    ("syt", "Vì Văn Hùng", "Chuyên viên", dt.date(2014, 5, 1)),
]


def ensure_units(admin, rows, units: dict[str, OrgUnit]) -> None:
    """Create the demo units (key, parent key, kind, name, short code) that do
    not exist yet under their parent, and record each under its key."""
    for key, parent_key, kind, name, code in rows:
        parent = units.get(parent_key) if parent_key else None
        unit = OrgUnit.objects.filter(parent=parent, short_code=code).first()
        if unit is None:
            unit = unit_services.create_unit(
                admin,
                parent=parent,
                kind=kind,
                name=name,
                short_code=code,
                place_name="Sơn La",
                valid_from=dt.date(2020, 1, 1),
            )
        units[key] = unit


@dataclass
class DemoContext:
    admin: object
    units: dict[str, OrgUnit] = field(default_factory=dict)
    users: dict[str, object] = field(default_factory=dict)
    logins: list[tuple[str, str, str]] = field(default_factory=list)


def load() -> DemoContext:
    User = get_user_model()
    admin, made = User.objects.get_or_create(
        username="quantri",
        defaults={"first_name": "Quản trị", "is_staff": True, "is_superuser": True},
    )
    if made:
        admin.set_password(DEMO_PASSWORD)
        admin.save()
    ctx = DemoContext(admin=admin)
    ctx.logins.append(("quantri", DEMO_PASSWORD, "quản trị hệ thống"))
    ensure_units(admin, UNITS, ctx.units)
    for username, full_name, unit_key, kinds, persona in USERS:
        user, made = User.objects.get_or_create(username=username)
        if made:
            # Vietnamese names read family name first: keep the whole name in
            # first_name so get_full_name() prints it in the right order.
            user.first_name, user.last_name = full_name, ""
            user.set_password(DEMO_PASSWORD)
            user.save()
        for role_kind in kinds:
            Role.objects.get_or_create(user=user, unit=ctx.units[unit_key], kind=role_kind)
        ctx.users[username] = user
        ctx.logins.append((username, DEMO_PASSWORD, persona))
    for unit_key, name, position, recruited in STAFF:
        unit = ctx.units[unit_key]
        if not StaffMember.objects.filter(unit=unit, full_name=name).exists():
            unit_services.create_staff(
                admin,
                unit=unit,
                full_name=name,
                position=position,
                recruited_on=recruited,
                active_from=recruited,
            )
    return ctx
