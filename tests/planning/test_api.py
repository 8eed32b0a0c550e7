import json

import pytest
from django.test import Client

from danvan.accounts.models import ApiToken


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


def test_indicators_targets_initiatives_and_plans_over_the_api(api, demo, ind, officer, reviewer):
    of = api(officer)
    assert of.get("/planning/indicators").json()["count"] >= 13
    assert of.send("post", "/planning/indicators", {"code": "X", "name": "X"}).status_code == 403
    created = api(reviewer).send(
        "post", "/planning/indicators", {"code": "X1", "name": "Chỉ tiêu mới"}
    )
    assert created.status_code == 201
    t = of.send(
        "put",
        "/planning/targets",
        {
            "indicator_id": ind["TV_LUOT"].pk,
            "unit_id": demo.units["ttdvvl"].pk,
            "period": "2024-Y",
            "value": "9500",
        },
    )
    assert t.status_code == 200 and t.json()["indicator_code"] == "TV_LUOT"
    items = of.get("/planning/initiatives", {"year": 2022}).json()["items"]
    assert items[0]["status"] == "evaluated"
    detail = of.get(f"/planning/initiatives/{items[0]['id']}").json()
    assert len(detail["evaluations"]) == 2 and detail["targets"]
    stale = of.send(
        "patch", f"/planning/initiatives/{items[0]['id']}", {"version": 0, "resources": "x"}
    )
    assert stale.status_code == 400 and stale.json()["code"] == "stale"
    plans = of.get("/planning/plans", {"year": 2023}).json()["items"]
    plan = of.get(f"/planning/plans/{plans[0]['id']}").json()
    assert len(plan["tasks"]) == 14
    task = plan["tasks"][0]["id"]
    assert (
        of.send("patch", f"/planning/tasks/{task}", {"status": "done"}).json()["status"] == "done"
    )


def test_the_outsider_reads_no_plan_of_another_branch(api, demo, outsider):
    o = api(outsider)
    assert o.get("/planning/plans").json()["count"] == 0
    assert o.get(f"/planning/initiatives/{demo.initiative.pk}").status_code == 404
    assert o.get("/planning/targets").json()["count"] == 0
