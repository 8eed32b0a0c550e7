"""A movement's legal bases linked to the legal-reference registry: the picker
on the movement edit page, the links on the movement page, and the rights."""

from __future__ import annotations

import datetime as dt

import pytest
from django.core.exceptions import PermissionDenied
from django.urls import reverse

from danvan.core.errors import DomainError
from danvan.planning import services
from danvan.planning.models import Movement


def _cite(unit, number: str, title: str, n: int):
    """A document of `unit` citing a directive; returns the registry entry."""
    from danvan.documents.models import Citation, Document, LegalReference
    from danvan.documents.registry import number_key

    doc = Document.objects.create(
        unit=unit,
        sha256=f"{n:064d}",
        original_name=f"van-ban-{n}.txt",
        size=10,
        format="txt",
        text=f"Căn cứ Chỉ thị số {number}",
        extracted_at=dt.datetime(2022, 1, 5, tzinfo=dt.UTC),
    )
    ref = LegalReference.objects.create(
        doc_type="chi_thi",
        number=number,
        number_key=number_key(number),
        issued_on=dt.date(2021, 9, 28),
        issuer="Ban Thường vụ Tỉnh ủy",
        title=title,
    )
    Citation.objects.create(document=doc, reference=ref, doc_type="chi_thi", number=number)
    return ref


@pytest.fixture
def refs(world):
    u = world.units
    return {
        "ct11": _cite(u["ttdvvl"], "11-CT/TU", "về đẩy mạnh phong trào “Dân vận khéo”", 1),
        "ct05": _cite(u["ttdvvl"], "05-CT/TU", "về công tác dân vận", 2),
        "syt": _cite(u["syt"], "99-CT/TU", "về y tế cơ sở", 3),
    }


@pytest.fixture
def movement(world, reviewer):
    return services.create_movement(
        reviewer,
        organiser=world.units["sldtbxh"],
        name="Phong trào thi đua ngành Lao động",
        start_year=2021,
        end_year=2025,
        legal_bases="Kế hoạch số 12/KH-SLĐTBXH",
    )


def _form(movement: Movement, **extra):
    data = {
        "name": movement.name,
        "start_year": movement.start_year,
        "end_year": movement.end_year,
        "description": movement.description,
        "legal_bases": movement.legal_bases,
    }
    data.update(extra)
    return data


def _edit_url(movement):
    return reverse("planning:movement_edit", args=[movement.pk])


def test_the_organiser_links_registry_entries_and_the_movement_page_links_to_them(
    movement, refs, reviewer, client_for
):
    client = client_for(reviewer)
    response = client.post(
        _edit_url(movement), _form(movement, legal_references=[refs["ct11"].pk, refs["ct05"].pk])
    )
    assert response.status_code == 302
    movement.refresh_from_db()
    assert movement.legal_reference_ids == [refs["ct11"].pk, refs["ct05"].pk]
    page = client.get(reverse("planning:movement_detail", args=[movement.pk])).content.decode()
    ref_url = reverse("documents:reference_detail", args=[refs["ct11"].pk])
    assert f'href="{ref_url}"' in page and "Chỉ thị số 11-CT/TU" in page
    assert "Kế hoạch số 12/KH-SLĐTBXH" in page  # the free-text bases stay


def test_the_picker_searches_the_registry_by_number(movement, refs, reviewer, client_for):
    page = client_for(reviewer).get(_edit_url(movement), {"q": "11-ct/tu"}).content.decode()
    assert f'value="{refs["ct11"].pk}"' in page
    assert f'value="{refs["ct05"].pk}"' not in page
    # entries the reviewer cannot reach are never offered
    assert "99-CT/TU" not in client_for(reviewer).get(_edit_url(movement)).content.decode()


def test_the_search_button_keeps_what_was_typed_and_saves_nothing(
    movement, refs, reviewer, client_for
):
    response = client_for(reviewer).post(
        _edit_url(movement),
        _form(
            movement,
            name="Tên mới chưa lưu",
            q="05-CT",
            tim="1",
            legal_references=[refs["ct11"].pk],
        ),
    )
    body = response.content.decode()
    assert response.status_code == 200
    assert "Tên mới chưa lưu" in body
    assert f'value="{refs["ct11"].pk}" checked' in body  # still ticked, though not matched
    assert f'value="{refs["ct05"].pk}"' in body
    movement.refresh_from_db()
    assert movement.name == "Phong trào thi đua ngành Lao động"
    assert movement.legal_reference_ids == []


def test_an_entry_the_user_cannot_reach_is_refused_in_vietnamese(
    movement, refs, reviewer, client_for
):
    response = client_for(reviewer).post(
        _edit_url(movement), _form(movement, legal_references=[refs["syt"].pk])
    )
    assert response.status_code == 200
    assert "Không tìm thấy văn bản căn cứ đã chọn" in response.content.decode()
    movement.refresh_from_db()
    assert movement.legal_reference_ids == []


def test_links_the_editor_cannot_see_are_kept_when_they_save(movement, refs, reviewer, world):
    services.update_movement(
        world.admin, movement, legal_reference_ids=[refs["syt"].pk, refs["ct05"].pk]
    )
    services.update_movement(reviewer, movement, legal_reference_ids=[refs["ct11"].pk])
    movement.refresh_from_db()
    assert movement.legal_reference_ids == [refs["ct11"].pk, refs["syt"].pk]
    assert services.movement_references(reviewer, movement) == [refs["ct11"]]


def test_only_the_organisers_reviewers_may_edit_the_movement(
    movement, refs, officer, outsider, client_for
):
    for user in (officer, outsider):
        client = client_for(user)
        assert client.get(_edit_url(movement)).status_code == 403
        response = client.post(
            _edit_url(movement), _form(movement, legal_references=[refs["ct11"].pk])
        )
        assert response.status_code == 403
    with pytest.raises(PermissionDenied):
        services.update_movement(officer, movement, legal_reference_ids=[refs["ct11"].pk])
    movement.refresh_from_db()
    assert movement.legal_reference_ids == []


def test_the_movement_page_hides_entries_outside_the_readers_scope(
    movement, refs, world, outsider, client_for
):
    services.update_movement(world.admin, movement, legal_reference_ids=[refs["ct11"].pk])
    page = client_for(outsider).get(reverse("planning:movement_detail", args=[movement.pk]))
    assert page.status_code == 200
    assert "11-CT/TU" not in page.content.decode()
    assert "Sửa phong trào" not in page.content.decode()


def test_bad_years_get_a_vietnamese_message_and_change_nothing(
    movement, refs, reviewer, client_for
):
    response = client_for(reviewer).post(
        _edit_url(movement), _form(movement, start_year=2026, end_year=2022)
    )
    assert "Năm kết thúc phải bằng hoặc sau năm bắt đầu." in response.content.decode()
    movement.refresh_from_db()
    assert (movement.start_year, movement.end_year) == (2021, 2025)


def test_the_period_cannot_shrink_past_registered_initiatives(movement, world, officer):
    services.register_initiative(
        officer, movement=movement, unit=world.units["ttdvvl"], year=2022, name="Mô hình A"
    )
    with pytest.raises(DomainError) as exc:
        services.update_movement(world.admin, movement, start_year=2023, end_year=2025)
    assert "2022" in exc.value.message


def _api(user):
    import json

    from django.test import Client

    from danvan.accounts.models import ApiToken

    _, raw = ApiToken.issue(user, "test")
    client = Client(headers={"Authorization": f"Bearer {raw}"})

    def call(method, path, data=None):
        if method == "get":
            return client.get("/api/v1" + path)
        return getattr(client, method)(
            "/api/v1" + path, json.dumps(data or {}), content_type="application/json"
        )

    return call


def test_the_api_links_entries_and_lists_only_those_the_reader_can_reach(
    movement, refs, reviewer, outsider, officer
):
    path = f"/planning/movements/{movement.pk}"
    ids = [refs["ct11"].pk]
    assert _api(officer)("patch", path, {"legal_reference_ids": ids}).status_code == 403
    bad = _api(reviewer)("patch", path, {"legal_reference_ids": [refs["syt"].pk]})
    assert bad.status_code == 400
    ok = _api(reviewer)("patch", path, {"legal_reference_ids": ids})
    assert ok.status_code == 200, ok.content
    assert [r["number"] for r in ok.json()["legal_references"]] == ["11-CT/TU"]
    assert _api(outsider)("get", path).json()["legal_references"] == []


def test_free_text_bases_quoting_a_registry_number_are_matched_and_shown_once(
    movement, refs, world, reviewer, client_for
):
    lines = ["Chỉ thị số 11-CT/TU, ngày 28/9/2021 của Ban Thường vụ Tỉnh ủy", "Luật Thi đua"]
    assert services.registry_matches(reviewer, lines) == [refs["ct11"]]
    services.update_movement(
        world.admin,
        movement,
        legal_bases="\n".join(lines),
        legal_reference_ids=[refs["ct11"].pk],
    )
    page = client_for(reviewer).get(reverse("planning:movement_detail", args=[movement.pk]))
    body = page.content.decode()
    assert body.count("11-CT/TU") == 1 and "Luật Thi đua" in body
