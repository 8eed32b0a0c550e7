"""The unit tree page does not grow with the number of units (issue 13 §2)."""

from django.urls import reverse

from danvan.orgunits import services as svc
from danvan.orgunits.models import OrgUnit


def _grow(admin, parent, count: int, prefix: str) -> list[OrgUnit]:
    return [
        svc.create_unit(
            admin,
            parent=parent,
            kind="phong",
            name=f"{prefix} {i + 1}",
            short_code=f"{prefix[:2]}{i}",
        )
        for i in range(count)
    ]


def test_the_tree_page_stays_the_same_size_as_the_province_grows(client_for, admin_user, units):
    client = client_for(admin_user)
    before = len(client.get(reverse("orgunits:list")).content)
    # a few hundred more units two and three levels down: none is on the first page
    for office in _grow(admin_user, units["sldtbxh"], 30, "Trung tâm thêm"):
        _grow(admin_user, office, 8, "Xã thêm")
    assert OrgUnit.objects.count() > 280
    after = client.get(reverse("orgunits:list"))
    assert after.status_code == 200
    # the same rows; only counts like "(287 đơn vị)" may change by a few characters
    assert abs(len(after.content) - before) < 200


def test_a_long_list_of_children_comes_a_page_at_a_time(client_for, admin_user, units):
    _grow(admin_user, units["syt"], 130, "Trạm y tế")
    client = client_for(admin_user)
    url = reverse("orgunits:unit_children", args=[units["syt"].pk]) + "?cap=2"
    first = client.get(url)
    rows = [r for r in first.context["rows"] if "unit" in r]
    assert len(rows) == 100
    assert "Xem thêm đơn vị trực thuộc Sở Y tế tỉnh Sơn La" in first.content.decode()
    second = client.get(url + "&trang=2")
    assert len([r for r in second.context["rows"] if "unit" in r]) == 30
    assert "Xem thêm" not in second.content.decode()
    assert len(first.content) < 100 * 1024
