"""Large emulation exports run as a job (issue 13 §1); small ones download at once."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from danvan.jobs.models import Job, JobStatus


def _rows(data: bytes, sheet: str | None = None) -> list[tuple]:
    book = load_workbook(io.BytesIO(data))
    return list((book[sheet] if sheet else book.active).iter_rows(values_only=True))


def test_a_large_summary_export_is_a_job_with_the_same_table(demo, client_for, settings):
    unit = demo.units["ttdvvl"]
    client = client_for(demo.users["canbo.ttdvvl"])
    url = f"/thi-dua/tong-hop/{unit.pk}/2022.xlsx"
    inline = client.get(url)
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0  # every table counts as large
    response = client.get(url)
    job = Job.objects.get(kind="export_xlsx", params__export="emulation_summary")
    assert response["Location"] == f"/thi-dua/tong-hop/?unit={unit.pk}&year=2022&cong-viec={job.pk}"
    assert job.status == JobStatus.SUCCEEDED and job.params["params"] == {
        "unit": unit.pk,
        "year": 2022,
    }
    page = client.get(response["Location"]).content.decode()
    assert "Tải tệp Excel tổng hợp kết quả khen thưởng" in page and job.result["url"] in page
    made = b"".join(client.get(job.result["url"]).streaming_content)
    assert _rows(made, "Tổng hợp") == _rows(inline.content, "Tổng hợp")
    outsider = client_for(demo.users["canbo.syt"])
    assert outsider.get(job.result["url"]).status_code == 404
    assert outsider.get(url).status_code == 404  # and starts no job
    assert Job.objects.filter(kind="export_xlsx").count() == 1


def test_a_large_prize_money_export_is_a_job(demo, client_for, settings, round_2024):
    client = client_for(demo.users["canbo.ttdvvl"])
    url = f"/thi-dua/dot/{round_2024.pk}/tien-thuong.xlsx"
    inline = client.get(url)
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0
    response = client.get(url)
    job = Job.objects.get(kind="export_xlsx", params__export="emulation_money")
    assert response["Location"] == f"/thi-dua/dot/{round_2024.pk}/?cong-viec={job.pk}"
    assert job.status == JobStatus.SUCCEEDED
    made = b"".join(client.get(job.result["url"]).streaming_content)
    assert _rows(made) == _rows(inline.content)
    assert "Tải tệp Excel tiền thưởng của đợt" in client.get(response["Location"]).content.decode()
