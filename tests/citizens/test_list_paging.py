"""The reception book and the dialogues page and sort on the server, within the user's units."""

from __future__ import annotations

import datetime as dt

from django.urls import reverse

from danvan.citizens import services
from danvan.citizens.models import Dialogue


def test_the_reception_book_pages_sorts_and_keeps_its_filters(book, client_for):
    officer = book.users["canbo.ttdvvl"]
    unit = book.units["ttdvvl"]
    start = dt.date(2024, 3, 1)
    for i in range(55):
        services.record_reception(
            officer,
            unit=unit,
            received_on=start + dt.timedelta(days=i),
            content=f"Hỏi về chính sách {i}",
            group_size=1 + i % 7,
        )
    client = client_for(officer)
    url = reverse("citizens:receptions")
    window = {"from": "2024-03-01", "to": "2024-06-30"}
    first = client.get(url, {**window, "sap_xep": "ngay"})
    second = client.get(url, {**window, "sap_xep": "ngay", "trang": 2})
    dates = [r.received_on for r in first.context["page"]]
    dates += [r.received_on for r in second.context["page"]]
    assert len(dates) == 55 and dates == sorted(dates) and dates[0] == start
    html = first.content.decode()
    assert "from=2024-03-01" in html and "trang=2" in html  # the pager keeps the filters
    sizes = [
        r.group_size for r in client.get(url, {**window, "sap_xep": "-so_nguoi"}).context["page"]
    ]
    assert sizes == sorted(sizes, reverse=True) and sizes[0] == 7
    outsider = client_for(book.users["canbo.syt"]).get(url, window).context["page"]
    assert all(not r.unit.path.startswith(unit.path) for r in outsider)


def test_the_dialogues_page_and_sort_by_subject(book, client_for):
    officer = book.users["canbo.ttdvvl"]
    unit = book.units["ttdvvl"]
    Dialogue.objects.bulk_create(
        Dialogue(
            unit=unit,
            held_on=dt.date(2024, 1, 1) + dt.timedelta(days=i),
            title=f"Đối thoại chủ đề {i:03d}",
            chaired_by="Giám đốc",
        )
        for i in range(55)
    )
    client = client_for(officer)
    url = reverse("citizens:dialogues")
    first = client.get(url, {"sap_xep": "-chu_de"}).context["page"]
    second = client.get(url, {"sap_xep": "-chu_de", "trang": 2}).context["page"]
    titles = [d.title for d in first] + [d.title for d in second]
    ours = [t for t in titles if t.startswith("Đối thoại chủ đề")]
    assert len(first) == 50 and len(ours) == 55 and ours == sorted(ours, reverse=True)
    other = client_for(book.users["canbo.syt"]).get(url).context["page"]
    assert not any(d.title.startswith("Đối thoại chủ đề") for d in other)
