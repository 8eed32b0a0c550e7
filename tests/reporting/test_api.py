import datetime as dt
import json

import pytest
from django.test import Client

from danvan.accounts.models import ApiToken
from danvan.core.periods import Period
from danvan.reporting import services
from danvan.reporting.models import IndicatorValue, ReportRequest
from danvan.reporting.services.figures import value_from_figure


@pytest.fixture
def api(demo):
    def make(user):
        _, raw = ApiToken.issue(user, "test")
        client = Client()
        headers = {"Authorization": f"Bearer {raw}"}

        class Api:
            def get(self, path, params=None):
                return client.get("/api/v1" + path, params or {}, headers=headers)

            def send(self, method, path, data=None):
                return getattr(client, method)(
                    "/api/v1" + path,
                    json.dumps(data or {}),
                    content_type="application/json",
                    headers=headers,
                )

        return Api()

    return make


def test_the_reporting_endpoints_are_in_the_openapi_schema(client, officer):
    client.force_login(officer)
    paths = client.get("/api/v1/schema").json()["paths"]
    for p in [
        "/api/v1/reporting/requests",
        "/api/v1/reporting/reports/{pk}/submit",
        "/api/v1/reporting/rollup",
    ]:
        assert p in paths


def test_a_period_says_its_cutoff_window(api, officer):
    data = api(officer).get("/reporting/periods/2022-H1").json()
    assert data["cutoff_start"] == "2021-12-15" and data["cutoff_end"] == "2022-06-14"
    assert api(officer).get("/reporting/periods/2022-H9").status_code == 400


def test_the_whole_flow_through_the_api(api, demo, ind, reviewer, officer, head):
    rv, of = api(reviewer), api(officer)
    r = rv.send(
        "post",
        "/reporting/requests",
        {
            "requester_unit_id": demo.units["sldtbxh"].pk,
            "title": "Báo cáo qua API",
            "period": "2024-H1",
            "deadline": "2024-06-20",
            "unit_ids": [demo.units["ttdvvl"].pk],
            "indicator_ids": [ind["TV_LUOT"].pk],
            "headings": ["1. Kết quả"],
        },
    )
    assert r.status_code == 201, r.content
    req_id = r.json()["id"]
    report_id = of.get("/reporting/reports", {"request_id": req_id}).json()["items"][0]["id"]
    detail = of.get(f"/reporting/reports/{report_id}").json()
    assert (
        detail["lock"]["editable"]
        and detail["content"]["period"]["label"] == "6 tháng đầu năm 2024"
    )
    heading = detail["content"]["sections"][0]["heading_id"]
    saved = of.send(
        "put",
        f"/reporting/reports/{report_id}",
        {
            "version": detail["version"],
            "sections": {heading: "Tốt"},
            "values": {ind["TV_LUOT"].pk: "9.000"},
        },
    )
    assert saved.status_code == 200, saved.content
    stale = of.send(
        "put", f"/reporting/reports/{report_id}", {"version": detail["version"], "values": {}}
    )
    assert stale.status_code == 400 and stale.json()["code"] == "stale"
    refused = of.send("post", f"/reporting/reports/{report_id}/submit")
    assert refused.status_code == 400 and refused.json()["code"] == "not_signed"
    assert of.send("post", f"/reporting/reports/{report_id}/propose").json()["status"] == "pending"
    hd = api(head)
    sign = {"name": "Lò Thị Anh Hoa", "position": "Phó giám đốc"}
    assert of.send("post", f"/reporting/reports/{report_id}/sign", sign).status_code == 403
    assert (
        hd.send("post", f"/reporting/reports/{report_id}/sign", sign).json()["status"] == "signed"
    )
    sent = of.send("post", f"/reporting/reports/{report_id}/submit").json()
    assert sent["status"] == "submitted" and sent["late"]
    assert of.send("post", f"/reporting/reports/{report_id}/accept").status_code == 403
    back = rv.send("post", f"/reporting/reports/{report_id}/return", {"reason": ""})
    assert back.status_code == 400
    assert rv.send("post", f"/reporting/reports/{report_id}/accept").json()["status"] == "accepted"
    roll = rv.get(
        "/reporting/rollup",
        {
            "indicator_id": ind["TV_LUOT"].pk,
            "period": "2024-H1",
            "unit_id": demo.units["sldtbxh"].pk,
        },
    ).json()
    assert roll["total"]["value"] == "9000.0000" or float(roll["total"]["value"]) == 9000
    done = rv.get(f"/reporting/requests/{req_id}/completeness").json()
    assert done["total"]["expected"] == 1 and done["total"]["late"] == 1


def test_the_api_keeps_the_cross_tree_rule(api, demo):
    b = api(demo.users["bandanvan"])
    req = ReportRequest.objects.get(requester_unit=demo.units["bdvtu"])
    sent = req.reports.get(unit=demo.units["sldtbxh"])
    draft = req.reports.get(unit=demo.units["syt"])
    assert b.get(f"/reporting/reports/{sent.pk}").status_code == 200
    assert b.get(f"/reporting/reports/{draft.pk}").status_code == 404
    ids = {r["id"] for r in b.get("/reporting/reports", {"limit": 500}).json()["items"]}
    assert sent.pk in ids and draft.pk not in ids
    other = IndicatorValue.objects.filter(unit=demo.units["ttdvvl"]).first()
    assert b.get(f"/reporting/values/{other.pk}").status_code == 404


def test_the_outsider_reads_nothing_of_the_branch(api, demo, outsider):
    o = api(outsider)
    assert o.get("/reporting/values").json()["count"] == 0
    report = ReportRequest.objects.get(period="2023-H1").reports.first()
    assert o.get(f"/reporting/reports/{report.pk}").status_code == 404
    assert o.send("post", f"/reporting/reports/{report.pk}/submit").status_code == 404
    assert (
        o.get(
            "/reporting/rollup",
            {"indicator_id": 1, "period": "2022-Y", "unit_id": demo.units["sldtbxh"].pk},
        ).status_code
        == 404
    )


def test_a_value_from_a_document_needs_confirmation_over_the_api(
    api, demo, ind, reviewer, officer, figure
):
    req = ReportRequest.objects.get(title__startswith="Báo cáo nhanh")
    report = req.reports.get(unit=demo.units["ttdvvl"])
    url = f"/reporting/reports/{report.pk}/document-values"
    body = {"indicator_id": ind["TV_LUOT"].pk, "figure_id": figure.pk}
    assert api(officer).send("post", url, body).status_code == 400
    body["confirmed"] = True
    r = api(officer).send("post", url, body)
    assert r.status_code == 201, r.content
    got = r.json()
    assert (got["source"], got["document_id"], got["figure_id"]) == (
        "document",
        figure.document_id,
        figure.pk,
    )
    assert float(got["value"]) == 8794 and got["source_sentence"] == figure.text


def _syt_report(demo, ind):
    """A draft report of Sở Y tế (the outsider's own unit) asking for TV_LUOT."""
    req = services.create_request(
        demo.admin,
        requester_unit=demo.units["syt"],
        title="Báo cáo nội bộ Sở Y tế",
        period="2022-H1",
        deadline=dt.date(2022, 6, 20),
        units=[demo.units["syt"]],
        indicators=[ind["TV_LUOT"]],
        headings=["1. Kết quả"],
    )
    return req.reports.get()


@pytest.mark.parametrize("whose", ["other_branch", "missing"])
def test_an_outsider_cannot_credit_a_figure_it_cannot_see(api, demo, ind, outsider, figure, whose):
    """Issue 9/3: the Sở Y tế officer posts a TTDVVL figure (or one that does not
    exist) to its own report: 404 and nothing stored."""
    report = _syt_report(demo, ind)
    figure_id = figure.pk if whose == "other_branch" else figure.pk + 1000
    before = IndicatorValue.objects.count()
    r = api(outsider).send(
        "post",
        f"/reporting/reports/{report.pk}/document-values",
        {"indicator_id": ind["TV_LUOT"].pk, "figure_id": figure_id, "confirmed": True},
    )
    assert r.status_code == 404 and r.json()["code"] == "not_found"
    assert IndicatorValue.objects.count() == before
    assert not IndicatorValue.objects.filter(figure=figure).exists()


def test_a_value_shows_its_source_document_only_to_who_may_see_it(api, demo, ind, officer, figure):
    value = value_from_figure(
        officer,
        figure,
        indicator=ind["TV_LUOT"],
        unit=demo.units["ttdvvl"],
        period=Period.parse("2022-Q3"),
        confirmed=True,
    )
    assert api(officer).get(f"/reporting/values/{value.pk}").json()["figure_id"] == figure.pk
    # the figure's document is in TTDVVL's archive; once it moves to another branch's
    # archive, the value keeps the reference but does not name it to the officer
    Document = type(figure.document)
    Document.objects.filter(pk=figure.document_id).update(unit=demo.units["syt"])
    got = api(officer).get(f"/reporting/values/{value.pk}").json()
    assert (got["document_id"], got["figure_id"]) == (None, None)
    listed = api(officer).get("/reporting/values", {"indicator_id": ind["TV_LUOT"].pk}).json()
    assert {(v["id"], v["document_id"]) for v in listed["items"]} >= {(value.pk, None)}
