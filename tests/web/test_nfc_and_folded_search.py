"""Text arrives in NFC whatever the entry (form post, query string, API JSON,
Excel import), and searches match on a folded key (no case, no diacritics,
đ = d) that answers the same on SQLite and PostgreSQL."""

from __future__ import annotations

import io
import json
import unicodedata

import pytest
from openpyxl import Workbook

from danvan.core.text import fold
from danvan.orgunits.models import OrgUnit, StaffMember
from danvan.orgunits.services import create_staff

NAME = "Lò Thị Hương"
NFD = unicodedata.normalize("NFD", NAME)


def is_nfc(text: str) -> bool:
    return unicodedata.is_normalized("NFC", text)


@pytest.fixture
def signed_in(client_for, officer):
    return client_for(officer)


@pytest.fixture
def units(world):
    """The units by key, and the administrator who may create staff anywhere."""

    class Units(dict):
        admin = world.admin

    return Units(world.units)


def test_the_test_name_really_is_decomposed():
    assert NFD != NAME and not is_nfc(NFD)


def test_a_name_typed_decomposed_in_a_form_is_stored_composed(signed_in, units):
    response = signed_in.post(
        "/don-vi/can-bo/them/",
        {
            "unit": units["ttdvvl"].pk,
            "full_name": NFD,
            "position": unicodedata.normalize("NFD", "Chuyên viên"),
        },
    )
    assert response.status_code == 302, response.content.decode()[:2000]
    staff = StaffMember.objects.get(full_name=NAME)
    assert is_nfc(staff.position) and staff.position == "Chuyên viên"


@pytest.mark.parametrize("escaped", [False, True])
def test_a_name_sent_decomposed_to_the_api_is_stored_composed(signed_in, units, escaped):
    body = json.dumps({"unit_id": units["ttdvvl"].pk, "full_name": NFD}, ensure_ascii=escaped)
    assert ("\\u0300" in body) == escaped
    response = signed_in.post("/api/v1/staff/", body, content_type="application/json")
    assert response.status_code == 201, response.content
    assert response.json()["full_name"] == NAME
    assert StaffMember.objects.filter(full_name=NAME).count() == 1


def test_an_excel_import_reads_decomposed_text_composed(world, officer):
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo
    from danvan.reporting.models import ReportRequest
    from danvan.reporting.services.excel import COLUMNS, SHEET, parse_template

    planning_demo.extend(world)
    reporting_demo.extend(world)
    report = ReportRequest.objects.get(title__startswith="Báo cáo nhanh").reports.get(
        unit=world.units["ttdvvl"]
    )
    code = report.request.form_rows.first().indicator.code
    book = Workbook()
    sheet = book.active
    sheet.title = SHEET
    sheet.append(COLUMNS)
    row = dict.fromkeys(COLUMNS, None) | {"Mã chỉ tiêu": code, "Kỳ này": 5, "Ghi chú": NFD}
    sheet.append([row[c] for c in COLUMNS])
    data = io.BytesIO()
    book.save(data)
    rows, _errors = parse_template(report, data.getvalue())
    assert rows[0]["note"] == NAME


def _staff(units, name=NAME):
    return create_staff(units.admin, unit=units["ttdvvl"], full_name=name)


@pytest.mark.parametrize("query", ["LÒ THỊ", "lo thi", "LO THI HUONG", NFD.upper(), "lò   thị"])
def test_the_staff_search_ignores_case_and_diacritics(client_for, admin_user, units, query):
    staff = _staff(units)
    other = _staff(units, "Lê Văn Long")
    found = client_for(admin_user).get("/api/v1/staff/", {"q": query}).json()["items"]
    assert staff.pk in {s["id"] for s in found} and other.pk not in {s["id"] for s in found}
    assert all(fold(query).split()[0] in fold(s["full_name"]) for s in found)


def test_the_staff_page_search_finds_upper_case_without_diacritics(signed_in, units):
    _staff(units)
    body = signed_in.get("/don-vi/can-bo/", {"q": "LÒ THỊ"}).content.decode()
    assert NAME in body
    body = signed_in.get("/don-vi/can-bo/", {"q": "LO THI"}).content.decode()
    assert NAME in body


def test_d_with_stroke_folds_to_d_in_unit_search(client_for, admin_user, units):
    admin = client_for(admin_user)
    found = admin.get("/api/v1/orgunits/", {"q": "DICH VU VIEC LAM"}).json()["items"]
    assert units["ttdvvl"].pk in {u["id"] for u in found}
    unit = OrgUnit.objects.get(pk=units["ttdvvl"].pk)
    assert "dich vu viec lam" in unit.search_key
    page = admin.get("/don-vi/", {"q": "trung tâm DỊCH vụ"}).content.decode()
    assert units["ttdvvl"].name in page


def test_the_folded_key_follows_a_rename(units):
    staff = _staff(units)
    staff.full_name = "Đặng Văn Đức"
    staff.save(update_fields=["full_name"])
    assert StaffMember.objects.get(pk=staff.pk).search_key.startswith("dang van duc")
