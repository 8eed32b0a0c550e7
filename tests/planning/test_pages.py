import io

from openpyxl import load_workbook

from danvan.planning.models import Initiative, InitiativeStatus, Plan, Target


def test_the_planning_pages_open(demo, client_for, officer):
    c = client_for(officer)
    plan = Plan.objects.get(unit=demo.units["ttdvvl"], year=2023)
    for url in [
        "/ke-hoach/",
        f"/ke-hoach/phong-trao/{demo.movement.pk}/",
        "/ke-hoach/mo-hinh/moi/",
        f"/ke-hoach/mo-hinh/{demo.initiative.pk}/",
        f"/ke-hoach/mo-hinh/{demo.initiative.pk}/sua/",
        "/ke-hoach/ke-hoach/moi/",
        f"/ke-hoach/ke-hoach/{plan.pk}/",
        f"/ke-hoach/ke-hoach/{plan.pk}/sua/",
        "/ke-hoach/chi-tieu/",
        "/ke-hoach/chi-tieu-ke-hoach/",
    ]:
        assert c.get(url).status_code == 200, url


def test_the_outsider_sees_no_plan_or_initiative_of_another_branch(demo, client_for, outsider):
    c = client_for(outsider)
    plan = Plan.objects.get(unit=demo.units["ttdvvl"], year=2023)
    for url in [
        f"/ke-hoach/mo-hinh/{demo.initiative.pk}/",
        f"/ke-hoach/ke-hoach/{plan.pk}/",
        f"/ke-hoach/nhiem-vu/{plan.tasks.first().pk}/",
    ]:
        assert c.get(url).status_code in (404, 405), url
    assert (
        c.post(f"/ke-hoach/nhiem-vu/{plan.tasks.first().pk}/", {"status": "done"}).status_code
        == 404
    )
    assert (
        "Lãnh đạo Chính quyền"
        not in c.get(f"/ke-hoach/phong-trao/{demo.movement.pk}/").content.decode()
    )


def test_the_registry_exports_to_excel(demo, client_for, reviewer):
    c = client_for(demo.users["bandanvan"])
    data = c.get(f"/ke-hoach/phong-trao/{demo.movement.pk}/?year=2022&format=xlsx").content
    ws = load_workbook(io.BytesIO(data)).active
    assert ws["A1"].value.startswith("Sổ đăng ký mô hình")
    assert any("Lãnh đạo Chính quyền" in str(c.value) for row in ws.iter_rows() for c in row)


def test_the_organiser_recognises_the_initiative_through_the_page(demo, client_for):
    item = Initiative.objects.get(pk=demo.initiative.pk)
    c = client_for(demo.users["bandanvan"])
    page = c.get(f"/ke-hoach/mo-hinh/{item.pk}/").content.decode()
    assert "Công nhận điển hình" in page
    c.post(
        f"/ke-hoach/mo-hinh/{item.pk}/advance/", {"to": "exemplar", "text": "Điển hình của khối"}
    )
    item.refresh_from_db()
    assert item.status == InitiativeStatus.EXEMPLAR


def test_setting_a_zero_target_warns_that_no_percentage_is_computed(demo, client_for, officer, ind):
    r = client_for(officer).post(
        "/ke-hoach/chi-tieu-ke-hoach/",
        {
            "unit": demo.units["ttdvvl"].pk,
            "indicator": ind["HN_TV"].pk,
            "period": "2025-Y",
            "value": "0",
        },
        follow=True,
    )
    assert "không tính tỷ lệ %" in r.content.decode()
    assert Target.objects.get(indicator=ind["HN_TV"], period="2025-Y").value == 0


def test_a_task_status_is_updated_from_the_plan_page(demo, client_for, officer):
    task = Plan.objects.get(unit=demo.units["ttdvvl"], year=2023).tasks.get(code="1.8")
    client_for(officer).post(f"/ke-hoach/nhiem-vu/{task.pk}/", {"status": "done"})
    task.refresh_from_db()
    assert task.status == "done"


def test_the_targets_list_pages_and_sorts_on_the_server(demo, client_for, officer, outsider, ind):
    unit = demo.units["ttdvvl"]
    Target.objects.bulk_create(
        Target(indicator=ind["HN_TV"], unit=unit, period=f"{1900 + i}-Y", year=1900 + i, value=i)
        for i in range(60)
    )
    client = client_for(officer)
    url = "/ke-hoach/chi-tieu-ke-hoach/"
    first = client.get(url, {"sap_xep": "ke_hoach"})
    second = client.get(url, {"sap_xep": "ke_hoach", "trang": 2})
    values = [t.value for t in first.context["page"]] + [t.value for t in second.context["page"]]
    assert len(first.context["page"]) == 50 and len(values) == first.context["page"].paginator.count
    assert values == sorted(values)
    down = [t.value for t in client.get(url, {"sap_xep": "-ke_hoach"}).context["page"]]
    assert down == sorted(values, reverse=True)[:50]
    newest = [t.year for t in client.get(url).context["page"]]
    assert newest == sorted(newest, reverse=True)  # newest year first by default
    assert 'aria-sort="ascending"' in first.content.decode()
    assert client_for(outsider).get(url, {"sap_xep": "ke_hoach"}).context[
        "page"
    ].paginator.count < (len(values))


def test_the_front_page_lists_are_capped_and_link_to_the_whole_sorted_list(
    demo, client_for, officer
):
    import copy

    base = Initiative.objects.filter(unit__path__startswith=demo.units["ttdvvl"].path).first()
    for i in range(65):
        extra = copy.copy(base)
        extra.pk, extra.name, extra.year = None, f"Mô hình thử {i:03d}", 1990 + i % 5
        extra.save()
    client = client_for(officer)
    front = client.get("/ke-hoach/")
    shown = front.context["initiatives"]
    assert len(shown["rows"]) == 30 and shown["count"] > 65
    assert "?ds=mo-hinh" in front.content.decode() and "Xem tất cả" in front.content.decode()
    first = client.get("/ke-hoach/", {"ds": "mo-hinh", "sap_xep": "ten"})
    html = first.content.decode()
    assert "Phong trào thi đua" not in html and "Trang 1/" in html  # that list alone, paged
    page = first.context["initiatives"]["page"]
    names = [i.name for i in page]
    names += [
        i.name
        for i in client.get("/ke-hoach/", {"ds": "mo-hinh", "sap_xep": "ten", "trang": 2}).context[
            "initiatives"
        ]["page"]
    ]
    ours = [n for n in names if n.startswith("Mô hình thử")]
    assert len(page) == 50 and len(ours) == 65 and ours == sorted(ours)
    assert "Phong trào thi đua" in client.get("/ke-hoach/", {"ds": "khac"}).content.decode()
