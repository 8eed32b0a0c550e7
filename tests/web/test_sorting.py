"""Lists sort on the server, by a whitelisted column only."""

import re
from pathlib import Path

import pytest
from django.urls import reverse

SAMPLES = Path(__file__).resolve().parents[2].parent / "shared" / "samples"


@pytest.fixture
def demo(world):
    from danvan.planning import demo as planning_demo
    from danvan.reporting import demo as reporting_demo

    planning_demo.extend(world)
    reporting_demo.extend(world)
    return world


def _names(html: str) -> list[str]:
    return re.findall(r'href="/don-vi/can-bo/\d+/">([^<]+)</a>', html)


def test_the_staff_list_sorts_by_name_both_ways_and_marks_the_column(client_for, admin_user):
    client = client_for(admin_user)
    url = reverse("orgunits:staff_list")
    up = client.get(url + "?sap_xep=ten").content.decode()
    down = client.get(url + "?sap_xep=-ten").content.decode()
    assert _names(up) == sorted(_names(up)) and _names(down) == list(reversed(_names(up)))
    assert 'aria-sort="ascending"' in up and 'aria-sort="descending"' in down
    assert "sap_xep=-ten" in up  # the header link turns the order around


def test_an_unknown_sort_key_falls_back_to_the_default(client_for, admin_user):
    response = client_for(admin_user).get(reverse("orgunits:staff_list") + "?sap_xep=password")
    assert response.status_code == 200
    assert response.context["sorting"]["headers"]["don_vi"]["aria"] == "ascending"


def _column(page, attr: str) -> list:
    return [getattr(row, attr) for row in page.object_list]


def test_the_reports_of_a_request_sort_and_page_on_the_server(client_for, demo, reviewer):
    from danvan.reporting.models import ReportRequest

    req = ReportRequest.objects.get(period="2023-H1")
    client = client_for(reviewer)
    url = reverse("reporting:request_detail", args=[req.pk])
    page = client.get(url + "?sap_xep=-trang_thai").context["page"]
    assert _column(page, "status") == sorted(_column(page, "status"), reverse=True)
    assert client.get(url + "?sap_xep=don_vi&trang=999").status_code == 200  # last page


def test_the_archive_list_sorts_by_number_and_by_date(client_for, admin_user, units):
    from danvan.documents import services

    for path in sorted(SAMPLES.glob("*.txt")):
        services.import_path(admin_user, units["ttdvvl"], path)
    client = client_for(admin_user)
    url = reverse("documents:list")
    numbers = _column(client.get(url + "?sap_xep=so").context["page"], "number")
    assert len(numbers) >= 3 and numbers == sorted(numbers)
    page = client.get(url + "?sap_xep=-so").content.decode()
    assert 'aria-sort="descending"' in page and "sap_xep=so" in page
    dates = [d for d in _column(client.get(url).context["page"], "issued_on") if d]
    assert dates == sorted(dates, reverse=True)  # newest first by default


def test_the_initiatives_of_a_movement_sort_by_name(client_for, demo, officer):
    from danvan.planning.models import Movement

    movement = Movement.objects.first()
    url = reverse("planning:movement_detail", args=[movement.pk])
    names = _column(client_for(officer).get(url + "?sap_xep=ten").context["page"], "name")
    assert names and names == sorted(names)
