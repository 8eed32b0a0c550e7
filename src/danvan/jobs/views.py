"""“Công việc”: the background jobs a person started or may see, with live progress."""

from __future__ import annotations

from django.contrib.auth.decorators import login_required
from django.http import FileResponse, Http404
from django.shortcuts import render

from danvan.web.sorting import Column, sorted_page

from . import files, services
from .routes import pages

PAGE_SIZE = 30
JOB_COLUMNS = [
    Column("so", "Số", ("pk",)),
    Column("cong_viec", "Công việc", ("title", "-created_at")),
    Column("trang_thai", "Trạng thái", ("status", "-created_at")),
    Column("don_vi", "Đơn vị", ("unit__path", "-created_at")),
    Column("tao_luc", "Tạo lúc", ("created_at",)),
]


@pages.route("", name="list")
@login_required
def job_list(request):
    mine = request.GET.get("cua") != "don-vi"
    qs = services.jobs_for_user(request.user).filter(parent__isnull=True)
    if mine:
        qs = qs.filter(owner=request.user)
    page, sorting = sorted_page(
        request, qs.select_related("owner", "unit"), JOB_COLUMNS, "-tao_luc", PAGE_SIZE
    )
    return render(request, "jobs/list.html", {"page": page, "sorting": sorting, "mine": mine})


PART_COLUMNS = [
    Column("so", "Số", ("pk",)),
    Column("phan_viec", "Phần việc", ("title", "pk")),
    Column("trang_thai", "Trạng thái", ("status", "pk")),
]


@pages.route("<int:pk>/", name="detail")
@login_required
def job_detail(request, pk: int):
    job = services.get_job_for_user(request.user, pk)
    children, sorting = sorted_page(request, job.children.all(), PART_COLUMNS, "so", 100)
    return render(
        request, "jobs/detail.html", {"job": job, "children": children, "sorting": sorting}
    )


@pages.route("<int:pk>/tien-do/", name="progress")
@login_required
def job_progress(request, pk: int):
    """The progress fragment a page polls (HTMX) until the job is finished."""
    job = services.get_job_for_user(request.user, pk)
    return render(request, "jobs/_progress.html", {"job": job})


@pages.route("<int:pk>/tep/<str:name>", name="file")
@login_required
def job_file(request, pk: int, name: str):
    """A file a job made, for whoever may see the job."""
    job = services.get_job_for_user(request.user, pk)
    path = files.path_of(job.pk, name)
    if not path.is_file():
        raise Http404("Tệp không còn (công việc chưa xong, hoặc tệp đã bị xoá).")
    return FileResponse(open(path, "rb"), as_attachment=True, filename=name)
