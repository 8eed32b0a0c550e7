"""The users list pages and sorts on the server, within the admin's units."""

from __future__ import annotations

from django.contrib.auth import get_user_model
from django.urls import reverse

from danvan.accounts.models import Role


def test_the_user_list_pages_and_sorts_by_login_name(client_for, unit_admin, units):
    made = get_user_model().objects.bulk_create(
        get_user_model()(username=f"nguoidung.{i:03d}", first_name=f"Người dùng {i:03d}")
        for i in range(55)
    )
    Role.objects.bulk_create(Role(user=u, unit=units["ttdvvl"], kind="officer") for u in made)
    outside = get_user_model().objects.create_user("nguoidung.ngoai")
    Role.objects.create(user=outside, unit=units["syt"], kind="officer")
    client = client_for(unit_admin)
    url = reverse("accounts:user_list")
    first = client.get(url, {"sap_xep": "-ten_dang_nhap"})
    second = client.get(url, {"sap_xep": "-ten_dang_nhap", "trang": 2})
    names = [u.username for u in first.context["page"]] + [
        u.username for u in second.context["page"]
    ]
    ours = [n for n in names if n.startswith("nguoidung.")]
    assert len(first.context["page"]) == 50
    assert len(ours) == 55 and ours == sorted(ours, reverse=True)
    assert "nguoidung.ngoai" not in names  # another branch's user stays out
    assert 'aria-sort="descending"' in first.content.decode()
    up = [u.username for u in client.get(url, {"sap_xep": "ten_dang_nhap"}).context["page"]]
    assert up == sorted(up)
