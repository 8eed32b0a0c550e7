"""The envelope of lists and the shape of every error, whatever went wrong."""

import json

import pytest
from django.http import Http404
from django.test import Client, RequestFactory

from danvan import api as api_module


def test_a_limit_above_500_is_cut_to_500_and_said_so(api_for, officer):
    body = api_for(officer).get("/staff/", {"limit": 9999}).json()
    assert body["limit"] == 500
    assert len(body["items"]) == body["count"] == 10


def test_an_offset_past_the_end_gives_an_empty_page(api_for, officer):
    body = api_for(officer).get("/orgunits/", {"offset": 100}).json()
    assert body == {"count": 4, "limit": 50, "offset": 100, "items": []}


@pytest.mark.parametrize(
    "params",
    [{"offset": "99999999999999999999"}, {"offset": 10**12}, {"limit": 10**30, "offset": 10**10}],
)
def test_a_huge_offset_is_a_400_in_vietnamese_not_a_server_error(api_for, officer, params):
    response = api_for(officer).get("/orgunits/", params)
    assert response.status_code == 400
    assert response.json()["field"] == "offset"
    assert response.json()["detail"] == "Tham số offset quá lớn (tối đa 1.000.000.000)."


def test_a_huge_limit_is_cut_and_a_huge_id_is_a_400_or_404(api_for, officer):
    body = api_for(officer).get("/staff/", {"limit": "99999999999999999999"}).json()
    assert body["limit"] == 500
    response = api_for(officer).get("/staff/99999999999999999999")
    assert response.status_code in (400, 404)
    assert response.json()["detail"].startswith(("Dữ liệu gửi lên vượt", "Không tìm thấy"))


@pytest.mark.parametrize(
    "params,message",
    [
        ({"limit": 0}, "phải lớn hơn hoặc bằng 1"),
        ({"limit": "abc"}, "phải là số nguyên"),
        ({"offset": -1}, "phải lớn hơn hoặc bằng 0"),
        ({"active": "có"}, "phải là true hoặc false"),
    ],
)
def test_bad_query_parameters_are_a_422_naming_the_parameter(api_for, officer, params, message):
    response = api_for(officer).get("/orgunits/", params)
    assert response.status_code == 422
    body = response.json()
    field = next(iter(params))
    assert body["field"] == field
    assert body["detail"] == f"Dữ liệu không hợp lệ: trường “{field}” {message}."
    assert body["errors"][0]["location"] == "query"


def test_several_invalid_fields_are_all_listed(api_for, officer):
    body = api_for(officer).post("/staff/", {"unit_id": "x", "full_name": 5}).json()
    assert [e["field"] for e in body["errors"]] == ["unit_id", "full_name"]
    assert "và 1 lỗi khác" in body["detail"]


def test_an_unexpected_failure_is_a_json_500_without_a_traceback(officer, units, monkeypatch):
    from danvan.orgunits import services

    def broken(*args, **kwargs):
        raise RuntimeError("secret internals")

    monkeypatch.setattr(services, "create_staff", broken)
    client = Client(raise_request_exception=False)
    client.force_login(officer)
    response = client.post(
        "/api/v1/staff/",
        json.dumps({"unit_id": units["ttdvvl"].pk, "full_name": "Ai Đó"}),
        content_type="application/json",
    )
    assert response.status_code == 500
    body = response.json()
    assert body["code"] == "server_error"
    assert body["detail"].startswith("Hệ thống gặp lỗi")
    assert b"secret internals" not in response.content and b"Traceback" not in response.content


def test_djangos_english_404_messages_are_replaced_by_the_vietnamese_one(db):
    request = RequestFactory().get("/api/v1/x")
    response = api_module.not_found(request, Http404("No OrgUnit matches the given query."))
    assert response.status_code == 404
    assert json.loads(response.content)["detail"] == "Không tìm thấy hoặc bạn không có quyền xem."


def test_a_permission_refusal_from_a_service_keeps_its_message(api_for, council, units):
    response = api_for(council).patch(
        f"/staff/{units['bhtn'].staff.first().pk}", {"position": "Chuyên viên"}
    )
    assert response.status_code == 403
    assert response.json() == {
        "detail": "Bạn không có quyền thực hiện thao tác này với đơn vị.",
        "field": None,
        "code": "forbidden",
    }


@pytest.mark.parametrize("path", ["/documents/", "/documents/references"])
@pytest.mark.parametrize("offset", [-1, 10**12])
def test_the_archive_lists_bound_their_offset_too(api_for, officer, path, offset):
    """Found by the schema fuzzing: these lists sliced with a negative offset (500)."""
    response = api_for(officer).get(path, {"offset": offset})
    assert response.status_code == 400 and response.json()["field"] == "offset"
