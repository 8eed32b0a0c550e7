"""The page that records an archived document's figure as an indicator value,
with a confirm step, and the value's source shown afterwards."""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

import pytest
from django.urls import reverse

from danvan.core.periods import Period
from danvan.reporting.models import IndicatorValue
from danvan.reporting.services import store_value
from danvan.reporting.services.figures import sentence_parts, suggest_period

from .conftest import SENTENCE


def _recorded(figure) -> bool:
    return IndicatorValue.objects.filter(document_id=figure.document_id).exists()


def _url(figure) -> str:
    return reverse("reporting:value_from_figure", args=[figure.pk])


def _post(client, figure, ind, period="2022-Q3", **extra):
    data = {
        "indicator": ind.pk,
        "unit": figure.document.unit_id,
        "period": period,
        "confirmed": "on",
        **extra,
    }
    return client.post(_url(figure), data)


def test_the_page_shows_the_sentence_with_the_figure_highlighted_and_suggests_the_period(
    figure, officer, client_for
):
    response = client_for(officer).get(_url(figure))
    assert response.status_code == 200
    body = response.content.decode()
    assert '<mark class="fig">8.794</mark> lượt người' in body
    assert "73,95%" in body and "Kết quả" in body
    assert '<option value="2022-H1" selected>' in body
    assert "Thay thế số liệu hiện có" not in body


@pytest.mark.parametrize("persona, status", [("officer", 200), ("head", 200), ("reviewer", 200)])
def test_people_who_may_edit_the_unit_reach_the_page(figure, personas, client_for, persona, status):
    assert client_for(personas[persona]).get(_url(figure)).status_code == status


def test_the_outsider_gets_404_and_nothing_is_recorded(figure, outsider, ind, client_for):
    client = client_for(outsider)
    assert client.get(_url(figure)).status_code == 404
    assert _post(client, figure, ind["TV_LUOT"]).status_code == 404
    assert not _recorded(figure)


def test_someone_who_may_only_view_the_unit_is_refused(figure, council, ind, client_for):
    client = client_for(council)
    assert client.get(_url(figure)).status_code == 403
    assert _post(client, figure, ind["TV_LUOT"]).status_code == 403
    assert not _recorded(figure)


def test_the_document_page_offers_the_link_only_to_editors(figure, officer, council, client_for):
    doc_url = reverse("documents:document_detail", args=[figure.document_id])
    link = _url(figure)
    assert link in client_for(officer).get(doc_url).content.decode()
    assert link not in client_for(council).get(doc_url).content.decode()


def test_confirming_records_the_value_with_its_document_and_offsets(
    figure, officer, ind, client_for
):
    client = client_for(officer)
    response = _post(client, figure, ind["TV_LUOT"])
    value = IndicatorValue.objects.get(document_id=figure.document_id)
    assert response.status_code == 302
    assert response["Location"] == reverse("reporting:value_detail", args=[value.pk])
    assert (value.period, value.year, value.value, value.source) == (
        "2022-Q3",
        2022,
        Decimal(8794),
        "document",
    )
    assert (value.document_id, value.figure_start, value.figure_end) == (
        figure.document_id,
        figure.start,
        figure.end,
    )
    assert value.source_sentence == SENTENCE and value.confirmed_by == officer
    detail = client.get(response["Location"]).content.decode()
    doc_link = reverse("documents:document_detail", args=[figure.document_id])
    assert f'href="{doc_url_with_anchor(doc_link, figure)}"' in detail
    assert '<mark class="fig">8.794</mark>' in detail


def doc_url_with_anchor(url: str, figure) -> str:
    return f"{url}#fig-{figure.pk}"


def test_without_confirmation_nothing_is_saved(figure, officer, ind, client_for):
    response = _post(client_for(officer), figure, ind["TV_LUOT"], confirmed="")
    assert response.status_code == 200
    assert "đánh dấu xác nhận" in response.content.decode()
    assert not IndicatorValue.objects.filter(indicator=ind["TV_LUOT"], period="2022-Q3").exists()


def test_an_existing_value_is_not_overwritten_without_the_replace_box(
    figure, officer, ind, client_for
):
    unit = figure.document.unit
    typed = store_value(
        officer,
        indicator=ind["TV_LUOT"],
        unit_id=unit.pk,
        period=Period.parse("2022-Q3"),
        number=Decimal(100),
    )
    client = client_for(officer)
    response = _post(client, figure, ind["TV_LUOT"])
    body = response.content.decode()
    assert response.status_code == 200
    assert "Đã có số liệu" in body and "Chưa lưu gì" in body
    assert 'name="replace"' in body
    typed.refresh_from_db()
    assert (typed.value, typed.source) == (Decimal(100), "typed")

    response = _post(client, figure, ind["TV_LUOT"], replace="on")
    assert response.status_code == 302
    typed.refresh_from_db()
    assert (typed.value, typed.source, typed.document_id) == (
        Decimal(8794),
        "document",
        figure.document_id,
    )


@pytest.mark.parametrize(
    "change, message",
    [
        ({"period": "2022-X9"}, "Kỳ báo cáo không hợp lệ."),
        ({"indicator": "999999"}, "Chỉ tiêu không hợp lệ."),
        ({"indicator": ""}, "Vui lòng chọn chỉ tiêu."),
        ({"unit": "0"}, "Bạn không có quyền nhập số liệu cho đơn vị này."),
    ],
)
def test_bad_input_gets_a_vietnamese_message_and_saves_nothing(
    figure, officer, ind, client_for, change, message
):
    response = _post(client_for(officer), figure, ind["TV_LUOT"], **change)
    assert response.status_code == 200
    assert message in response.content.decode()
    assert not _recorded(figure)


def test_a_unit_outside_the_users_edit_scope_is_refused(figure, officer, units, ind, client_for):
    response = _post(client_for(officer), figure, ind["TV_LUOT"], unit=units["syt"].pk)
    assert "Bạn không có quyền nhập số liệu cho đơn vị này." in response.content.decode()
    assert not _recorded(figure)


def test_a_ratio_indicator_is_not_offered_since_it_is_computed(figure, officer, ind, client_for):
    client = client_for(officer)
    response = _post(client, figure, ind["TL_BHTN"])
    assert response.status_code == 200
    assert "Chỉ tiêu không hợp lệ." in response.content.decode()
    assert not _recorded(figure)


def test_a_sentence_is_split_around_the_number_that_gave_the_value():
    parts = sentence_parts("Có 03 phòng và 1.250 người, đạt 94,3%.", Decimal("1250"))
    assert (parts.figure, parts.after) == ("1.250", " người, đạt 94,3%.")
    assert sentence_parts("Đạt 94,3%.", Decimal("94.3")).figure == "94,3"


def test_the_period_is_suggested_from_the_documents_dates():
    assert suggest_period(dt.date(2022, 1, 1), dt.date(2022, 6, 30), 2022) == "2022-H1"
    assert suggest_period(dt.date(2022, 1, 1), dt.date(2022, 9, 30), 2022) == "2022-9M"
    assert suggest_period(dt.date(2021, 1, 1), dt.date(2025, 12, 31), None) == "2021-2025"
    assert suggest_period(None, None, 2023) == "2023-Y"
