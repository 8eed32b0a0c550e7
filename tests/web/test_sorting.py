"""Lists sort on the server, by a whitelisted column only."""

import re

from django.urls import reverse


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
