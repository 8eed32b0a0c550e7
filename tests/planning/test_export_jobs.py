"""The planning exports run as a job when large (issue 13 §1); small ones download at once."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from danvan.jobs.models import Job, JobStatus


def _rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def _made(client, response, name: str) -> tuple[Job, bytes]:
    job = Job.objects.get(kind="export_xlsx", params__export=name)
    assert job.status == JobStatus.SUCCEEDED and response["Location"].endswith(
        f"cong-viec={job.pk}"
    )
    page = client.get(response["Location"]).content.decode()
    assert job.result["url"] in page  # the page shows the job and links the file
    return job, b"".join(client.get(job.result["url"]).streaming_content)


def test_a_large_registry_export_is_a_job_with_the_same_table(demo, client_for, settings):
    client = client_for(demo.users["bandanvan"])
    url = f"/ke-hoach/phong-trao/{demo.movement.pk}/"
    inline = client.get(url, {"year": "2022", "format": "xlsx"})
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0
    response = client.get(url, {"year": "2022", "format": "xlsx"})
    assert response["Location"].startswith(f"{url}?year=2022&cong-viec=")
    job, made = _made(client, response, "planning_registry")
    assert job.params["params"] == {"movement": demo.movement.pk, "year": "2022"}
    assert _rows(made) == _rows(inline.content)
    assert client_for(demo.users["canbo.syt"]).get(job.result["url"]).status_code == 404


def test_a_large_targets_export_is_a_job_with_the_same_table(demo, client_for, officer, settings):
    client = client_for(officer)
    url = "/ke-hoach/chi-tieu-ke-hoach/"
    inline = client.get(url, {"format": "xlsx"})
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0
    response = client.get(url, {"format": "xlsx", "year": "x"})  # a bad year is dropped
    assert response["Location"].startswith(f"{url}?cong-viec=")
    job, made = _made(client, response, "planning_targets")
    assert job.params["params"] == {} and _rows(made) == _rows(inline.content)
    assert len(_rows(made)) > 1
