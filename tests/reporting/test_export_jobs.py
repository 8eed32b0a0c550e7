"""The roll-up and comparison tables run as an Excel job when large (issue 13 §1)."""

from __future__ import annotations

import io

from openpyxl import load_workbook

from danvan.jobs.models import Job, JobStatus


def _rows(data: bytes) -> list[tuple]:
    return list(load_workbook(io.BytesIO(data)).active.iter_rows(values_only=True))


def _made(client, response, name: str) -> tuple[Job, bytes]:
    job = Job.objects.get(kind="export_xlsx", params__export=name)
    assert job.status == JobStatus.SUCCEEDED
    assert response["Location"].endswith(f"cong-viec={job.pk}")
    page = client.get(response["Location"]).content.decode()
    assert job.result["url"] in page  # the page shows the job and links the file
    return job, b"".join(client.get(job.result["url"]).streaming_content)


def test_a_large_rollup_export_is_a_job_with_the_same_table(
    demo, ind, client_for, reviewer, outsider, settings
):
    c = client_for(reviewer)
    root = demo.units["sldtbxh"]
    query = {"indicator": ind["TV_LUOT"].pk, "period": "2022-Y", "unit": root.pk}
    inline = c.get("/bao-cao/tong-hop/", {**query, "format": "xlsx"})
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0
    response = c.get("/bao-cao/tong-hop/", {**query, "format": "xlsx"})
    job, made = _made(c, response, "reporting_rollup")
    assert job.params["params"] == {
        "unit": root.pk,
        "indicator": ind["TV_LUOT"].pk,
        "period": "2022-Y",
    }
    assert _rows(made) == _rows(inline.content) and len(_rows(made)) > 3
    assert client_for(outsider).get(job.result["url"]).status_code == 404
    assert (
        client_for(outsider).get("/bao-cao/tong-hop/", {**query, "format": "xlsx"}).status_code
        == 404
    )


def test_a_large_compare_export_is_a_job_with_the_same_table(
    demo, ind, client_for, reviewer, settings
):
    c = client_for(reviewer)
    units = [demo.units["ttdvvl"].pk, demo.units["bhtn"].pk]
    query = {"indicator": ind["TV_LUOT"].pk, "period": "2022-Y", "units": units}
    inline = c.get("/bao-cao/so-sanh/", {**query, "format": "xlsx"})
    assert inline["Content-Type"].startswith("application/vnd.openxmlformats")
    settings.DANVAN_EXPORT_INLINE_ROWS = 0
    response = c.get("/bao-cao/so-sanh/", {**query, "format": "xlsx"})
    job, made = _made(c, response, "reporting_compare")
    assert job.params["params"]["units"] == units
    assert _rows(made) == _rows(inline.content) and len(_rows(made)) >= 3
    assert f"units={units[1]}" in response["Location"]
