"""Switching the working unit goes back to the page it came from, on this site only."""

import pytest
from django.contrib.auth import get_user_model

from danvan.accounts.models import Role, RoleKind


@pytest.fixture
def two_unit_user(world):
    user = get_user_model().objects.create_user("hai.donvi")
    Role.objects.create(user=user, unit=world.units["ttdvvl"], kind=RoleKind.OFFICER)
    Role.objects.create(user=user, unit=world.units["sldtbxh"], kind=RoleKind.OFFICER)
    return user


@pytest.mark.parametrize(
    "referer, expected",
    [
        ("//evil.example/", "/"),
        ("///evil.example/", "/"),
        ("/\\evil.example/", "/"),
        ("https://evil.example/bao-cao/", "/"),
        ("http://testserver.evil.example/", "/"),
        ("javascript:alert(1)", "/"),
        ("ke-hoach/", "/"),
        ("", "/"),
        ("http://testserver/bao-cao/?trang=2", "/bao-cao/?trang=2"),
        ("/ke-hoach/phong-trao/", "/ke-hoach/phong-trao/"),
    ],
)
def test_the_redirect_stays_on_this_site(client_for, two_unit_user, world, referer, expected):
    response = client_for(two_unit_user).post(
        "/tai-khoan/don-vi-lam-viec/",
        {"unit": world.units["sldtbxh"].pk},
        headers={"Referer": referer} if referer else {},
    )
    assert response.status_code == 302
    assert response["Location"] == expected
