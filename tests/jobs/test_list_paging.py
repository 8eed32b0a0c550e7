"""The “Công việc” list pages (30 a page) and sorts on the server, within the user's scope."""

from __future__ import annotations

from django.urls import reverse

from danvan.jobs.models import Job


def test_the_job_list_pages_and_sorts_by_title(client_for, officer, outsider):
    Job.objects.bulk_create(
        Job(kind="reminders", title=f"Công việc thử {i:03d}", owner=officer) for i in range(35)
    )
    Job.objects.create(kind="reminders", title="Công việc của người khác", owner=outsider)
    client = client_for(officer)
    url = reverse("jobs:list")
    first = client.get(url, {"sap_xep": "cong_viec"})
    second = client.get(url, {"sap_xep": "cong_viec", "trang": 2})
    titles = [j.title for j in first.context["page"]] + [j.title for j in second.context["page"]]
    assert len(first.context["page"]) == 30 and len(titles) == 35
    assert titles == sorted(titles) and "Công việc của người khác" not in titles
    down = [j.title for j in client.get(url, {"sap_xep": "-cong_viec"}).context["page"]]
    assert down == sorted(titles, reverse=True)[:30]
    assert "sap_xep=-cong_viec" in first.content.decode()


def test_a_jobs_parts_page_and_sort_on_the_server(client_for, officer, outsider):
    job = Job.objects.create(kind="reminders", title="Công việc lớn", owner=officer)
    Job.objects.bulk_create(
        Job(kind="reminders", title=f"Phần {i:03d}", owner=officer, parent=job) for i in range(130)
    )
    client = client_for(officer)
    url = reverse("jobs:detail", args=[job.pk])
    first = client.get(url, {"sap_xep": "-phan_viec"})
    second = client.get(url, {"sap_xep": "-phan_viec", "trang": 2})
    titles = [j.title for j in first.context["children"]]
    titles += [j.title for j in second.context["children"]]
    assert len(first.context["children"]) == 100 and len(titles) == 130
    assert titles == sorted(titles, reverse=True) and titles[0] == "Phần 129"
    by_number = [j.title for j in client.get(url).context["children"]]
    assert by_number[0] == "Phần 000"  # by number (creation) by default
    assert "sap_xep=phan_viec" in first.content.decode()
    assert client_for(outsider).get(url).status_code == 404
