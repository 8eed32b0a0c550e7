"""/api/v1/users/: who works where, as far as the caller may see; e-mail for admins only."""

import pytest

BRANCH_USERS = {"canbo.ttdvvl", "giamdoc.ttdvvl", "thuky.ttdvvl"}
VISIBLE = {
    "officer": BRANCH_USERS,
    "head": BRANCH_USERS,
    "reviewer": BRANCH_USERS | {"canbo.ttctxh", "thamdinh.sldtbxh"},
    "outsider": {"canbo.syt"},
}


def usernames(response):
    return {u["username"] for u in response.json()["items"]}


@pytest.mark.parametrize("persona", sorted(VISIBLE))
def test_each_persona_lists_the_users_holding_roles_in_their_units(api_for, personas, persona):
    response = api_for(personas[persona]).get("/users/")
    assert response.status_code == 200
    assert usernames(response) == VISIBLE[persona]


def test_users_show_name_and_roles_but_no_email_to_non_admins(api_for, officer, head, units):
    head.email = "hoa@ttdvvl.example.vn"
    head.save()
    items = api_for(officer).get("/users/").json()["items"]
    hoa = next(u for u in items if u["username"] == "giamdoc.ttdvvl")
    assert hoa["full_name"] == "Lò Thị Anh Hoa"
    assert hoa["roles"] == [
        {
            "unit_id": units["ttdvvl"].pk,
            "unit_name": "Trung tâm Dịch vụ việc làm Sơn La",
            "kind": "head",
            "kind_label": "Lãnh đạo đơn vị",
        }
    ]
    for user in items:
        assert set(user) == {"id", "username", "full_name", "roles"}
    assert "hoa@ttdvvl" not in str(items) and "password" not in str(items)


def test_roles_outside_the_callers_scope_are_not_shown(api_for, officer, units, world):
    from danvan.accounts.models import Role

    thu = world.users["canbo.ttdvvl"]
    Role.objects.create(user=thu, unit=units["syt"], kind="officer")
    items = api_for(world.users["giamdoc.ttdvvl"]).get("/users/").json()["items"]
    thu_roles = next(u for u in items if u["username"] == "canbo.ttdvvl")["roles"]
    assert [r["unit_id"] for r in thu_roles] == [units["ttdvvl"].pk]


def test_an_administrator_sees_every_user_with_email_and_flags(api_for, admin_user, head):
    head.email = "hoa@ttdvvl.example.vn"
    head.save()
    items = api_for(admin_user).get("/users/", {"limit": 500}).json()["items"]
    assert {"quantri", "bandanvan", "canbo.syt"} <= {u["username"] for u in items}
    hoa = next(u for u in items if u["username"] == "giamdoc.ttdvvl")
    assert hoa["email"] == "hoa@ttdvvl.example.vn"
    assert hoa["is_active"] is True and hoa["is_superuser"] is False
    assert "password" not in hoa


def test_the_user_list_filters_by_unit_role_and_name(api_for, reviewer, units):
    api = api_for(reviewer)
    assert usernames(api.get("/users/", {"unit": units["ttbtxh"].pk})) == {"canbo.ttctxh"}
    assert usernames(api.get("/users/", {"role": "council"})) == {"thuky.ttdvvl"}
    assert usernames(api.get("/users/", {"q": "giamdoc"})) == {"giamdoc.ttdvvl"}


def test_filtering_users_by_a_unit_of_another_branch_is_a_404(api_for, outsider, units):
    assert api_for(outsider).get("/users/", {"unit": units["ttdvvl"].pk}).status_code == 404


@pytest.mark.parametrize(
    "persona,status", [("officer", 200), ("head", 200), ("reviewer", 200), ("outsider", 404)]
)
def test_one_user_follows_the_same_scope(api_for, personas, world, persona, status):
    target = world.users["thuky.ttdvvl"]
    response = api_for(personas[persona]).get(f"/users/{target.pk}")
    assert response.status_code == status
    if status == 200:
        assert response.json()["full_name"] == "Cầm Văn Minh"
        assert "email" not in response.json()
    else:
        assert "Cầm Văn Minh" not in response.content.decode()


@pytest.mark.parametrize("persona", ["officer", "head", "reviewer", "outsider"])
def test_me_describes_the_caller_and_all_their_roles(api_for, personas, persona):
    user = personas[persona]
    body = api_for(user).get("/users/me").json()
    assert body["username"] == user.username
    assert body["is_superuser"] is False and body["can_admin_site"] is False
    kinds = sorted(r["kind"] for r in body["roles"])
    assert kinds == sorted(user.roles.values_list("kind", flat=True))
    assert body["current_unit_id"] == user.roles.order_by("unit__path").first().unit_id


@pytest.mark.parametrize("q", ["hà thị thu", "HA THI THU", "Ha\u0300 Thi\u0323", "thu"])
def test_users_are_found_by_name_whatever_the_case_and_diacritics(api_for, reviewer, q):
    # the same on SQLite and PostgreSQL: a stored folded key, not the database's icontains
    assert "canbo.ttdvvl" in usernames(api_for(reviewer).get("/users/", {"q": q}))


def test_a_renamed_user_is_found_by_the_new_name(api_for, admin_user, officer):
    officer.first_name, officer.last_name = "Đào", "Lê Văn"
    officer.save()
    found = usernames(api_for(admin_user).get("/users/", {"q": "le van dao"}))
    assert found == {"canbo.ttdvvl"}
