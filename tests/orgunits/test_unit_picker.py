"""Unit pickers search on the server, scoped to the user, 20 at a time."""

from django.urls import reverse


def _search(client, q, source="visible", name="don_vi"):
    return client.get(
        reverse("orgunits:unit_search"), {"nguon": source, "ten": name, f"{name}__tim": q}
    )


def test_the_picker_finds_units_in_the_users_scope_only(client_for, officer):
    client = client_for(officer)
    html = _search(client, "Bảo hiểm").content.decode()
    assert "Phòng Bảo hiểm thất nghiệp" in html
    assert 'name="don_vi"' in html
    assert "Sở Y tế tỉnh Sơn La" not in _search(client, "Sở Y tế").content.decode()


def test_a_page_cannot_widen_the_pickers_scope(client_for, officer):
    html = _search(client_for(officer), "Sở Y tế", source="everything").content.decode()
    assert "Sở Y tế tỉnh Sơn La" not in html


def test_the_staff_list_has_a_picker_not_a_dropdown_of_every_unit(client_for, admin_user, units):
    html = client_for(admin_user).get(reverse("orgunits:staff_list")).content.decode()
    assert 'name="don_vi__tim"' in html
    assert f'<option value="{units["syt"].pk}"' not in html  # no option per unit
