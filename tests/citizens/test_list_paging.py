"""The reception book and the dialogues page and sort on the server, within the user's units."""

from __future__ import annotations

import datetime as dt
import io

from django.urls import reverse
from openpyxl import load_workbook

from danvan.citizens import services
from danvan.citizens.models import Dialogue
from danvan.jobs.models import Job, JobStatus


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


def test_a_large_book_export_is_a_job_that_keeps_the_filters(book, client_for, settings):
    officer = book.users["canbo.ttdvvl"]
    unit = book.units["ttdvvl"]
    for i in range(3):
        services.record_reception(
            officer,
            unit=unit,
            received_on=dt.date(2024, 5, 1 + i),
            content=f"Kiến nghị {i}",
            citizen_name=f"Lò Văn {i}",
        )
    client = client_for(officer)
    url = reverse("citizens:receptions")
    asked = {"from": "2024-05-01", "to": "2024-05-31", "format": "xlsx", "personal": "1"}
    inline = client.get(url, asked)
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0  # every table counts as large
    response = client.get(url, asked)
    job = Job.objects.get(kind="export_xlsx", params__export="citizens_receptions")
    assert job.status == JobStatus.SUCCEEDED
    assert job.params["params"] == {"from": "2024-05-01", "to": "2024-05-31", "personal": "1"}
    assert response["Location"].startswith(url + "?from=2024-05-01") and (
        f"cong-viec={job.pk}" in response["Location"]
    )
    assert "Tải tệp Excel sổ tiếp công dân" in client.get(response["Location"]).content.decode()
    made = b"".join(client.get(job.result["url"]).streaming_content)
    assert _cells(made) == _cells(inline.content)
    assert "Lò Văn 2" in _cells(made)  # the filtered window, with the people asked for
    assert client_for(book.users["canbo.syt"]).get(job.result["url"]).status_code == 404


def _cells(data: bytes) -> list[str]:
    sheet = load_workbook(io.BytesIO(data)).active
    return [str(v) for row in sheet.iter_rows(values_only=True) for v in row if v is not None]


def _petitions(unit, n: int, stage: str, first_due: dt.date) -> None:
    from danvan.citizens.models import Kind, Petition

    Petition.objects.bulk_create(
        Petition(
            unit=unit,
            received_on=first_due - dt.timedelta(days=30),
            kind=Kind.KIEN_NGHI,
            subject=f"Kiến nghị {i}",
            stage=stage,
            current_due=first_due + dt.timedelta(days=i),
        )
        for i in range(n)
    )


def test_the_board_shows_each_stages_most_urgent_cards_and_opens_the_stage_as_a_list(
    book, client_for
):
    from danvan.citizens.models import Stage

    officer = book.users["canbo.ttdvvl"]
    _petitions(book.units["ttdvvl"], 75, Stage.ACCEPTED, dt.date(2030, 1, 1))
    client = client_for(officer)
    url = reverse("citizens:petitions")
    board = client.get(url)
    accepted = next(c for c in board.context["columns"] if c[1] == Stage.ACCEPTED)
    assert accepted[3] >= 75 and len(accepted[2]) == 30  # the count is whole, the cards capped
    html = board.content.decode()
    assert f"buoc={Stage.ACCEPTED.value}" in html and "Xem tất cả" in html
    listing = client.get(url, {"buoc": Stage.ACCEPTED, "sap_xep": "-han"})
    rows = list(listing.context["page"])
    assert listing.context["page"].paginator.count == accepted[3]
    assert len(rows) == 50 and rows[0].current_due >= rows[-1].current_due
    last = client.get(url, {"buoc": Stage.ACCEPTED, "sap_xep": "-han", "trang": 2})
    assert len(rows) + len(last.context["page"]) == accepted[3]
    outsider = client_for(book.users["canbo.syt"]).get(url, {"buoc": Stage.ACCEPTED})
    assert not any(p.subject.startswith("Kiến nghị") for p in outsider.context["page"])


def test_the_deadlines_page_pages_each_group_and_counts_them_all(book, client_for):
    from danvan.citizens.models import Stage

    officer = book.users["canbo.ttdvvl"]
    today = dt.date.today()
    _petitions(book.units["ttdvvl"], 60, Stage.ACCEPTED, today - dt.timedelta(days=90))
    client = client_for(officer)
    url = reverse("citizens:deadlines")
    first = client.get(url)
    tabs = {key: n for key, _, n in first.context["tabs"]}
    assert first.context["tab"] == "qua_han" and tabs["qua_han"] >= 60
    assert first.context["page"].paginator.count == tabs["qua_han"]
    dues = [p.current_due for p in first.context["page"]]
    assert len(dues) == 50 and dues == sorted(dues) and all(d < today for d in dues)
    second = client.get(url, {"trang": 2})
    assert len(dues) + len(second.context["page"]) == tabs["qua_han"]
    by_unit = client.get(url, {"sap_xep": "-don_vi"})
    assert by_unit.status_code == 200 and 'aria-sort="descending"' in by_unit.content.decode()
    soon = client.get(url, {"nhom": "sap_den_han"})
    assert all(p.current_due >= today for p in soon.context["page"])
    assert client.get(url, {"nhom": "cam_ket"}).status_code == 200
    assert client.get(url, {"nhom": "<script>"}).context["tab"] == "qua_han"
