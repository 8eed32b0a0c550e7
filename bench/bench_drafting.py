"""Speed of drafting through the app: a 10-page report DOCX, 1,000 unit reports of
one request, the combined report over them, PDF conversion per document.

Run: .venv/bin/python bench/bench_drafting.py [--units 1000] [--workers 2] [--pdfs 3]

Uses a throwaway SQLite database in a temporary folder (never the project's).
Prints (never asserts): median time of draft-building + DOCX for a 10-page unit
report (target < 300 ms), wall time to draft and render the reports of N units
of one request in a process pool (target < 60 s for 1,000 on 2 cores), the
combined report over those units, the persisted path (draft saved, versioned
DOCX file, audit) per report, and LibreOffice DOCX → PDF time per document.
"""

from __future__ import annotations

import argparse
import datetime as dt
import io
import os
import statistics
import sys
import tempfile
import time
from concurrent.futures import ProcessPoolExecutor
from decimal import Decimal

TMP = tempfile.mkdtemp(prefix="danvan-bench-drafting-")
os.environ["DATABASE_URL"] = f"sqlite:///{TMP}/bench.sqlite3"
os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
os.environ.setdefault("LOG_LEVEL", "WARNING")

import django  # noqa: E402

django.setup()

from django.conf import settings  # noqa: E402
from django.core.management import call_command  # noqa: E402
from django.db import connections  # noqa: E402

settings.MEDIA_ROOT = os.path.join(TMP, "media")

NARRATIVE = (
    "Trung tâm tiếp tục đổi mới phương thức tuyên truyền, tư vấn việc làm; nâng cao chất lượng "
    "kết nối cung – cầu lao động, bảo đảm quyền lợi hợp pháp của người lao động và phát huy "
    "vai trò của cán bộ, viên chức trong phong trào thi đua “Dân vận khéo” gắn với thực hiện "
    "quy chế dân chủ ở cơ sở. "
)
CODES = ["TV", "KN", "HN", "TCD", "DT"]


def setup(units: int, big_headings: int):
    """Org tree (a Sở with N units), indicators, a request asking all of them, values."""
    from danvan.accounts.demo import load
    from danvan.orgunits.models import OrgUnit, UnitKind, path_segment
    from danvan.planning.models import Indicator, Target
    from danvan.reporting.models import (
        IndicatorValue,
        OutlineHeading,
        ReportRequest,
        ReportSection,
        ReportStatus,
        RequestIndicator,
        UnitReport,
        ValueState,
    )

    call_command("migrate", verbosity=0)
    ctx = load()
    so = ctx.units["sldtbxh"]
    made = OrgUnit.objects.bulk_create(
        [
            OrgUnit(
                kind=UnitKind.TRUNG_TAM,
                name=f"Trung tâm thử nghiệm số {i}",
                short_code=f"TTTN{i}",
                place_name="Sơn La",
                parent=so,
                depth=so.depth + 1,
            )
            for i in range(1, units + 1)
        ]
    )
    for u in made:
        u.path = so.path + path_segment(u.pk)
    OrgUnit.objects.bulk_update(made, ["path"])
    inds = [
        Indicator.objects.create(code=c, name=f"Chỉ tiêu thử {c}", unit_of_measure="lượt người")
        for c in CODES
    ]
    req = ReportRequest.objects.create(
        requester_unit=so,
        title="Báo cáo kết quả công tác dân vận năm 2025",
        number="12/SLĐTBXH-VP",
        period="2025-Y",
        year=2025,
        cutoff_start=dt.date(2024, 12, 15),
        cutoff_end=dt.date(2025, 12, 14),
        deadline=dt.date(2025, 12, 20),
    )
    big = ReportRequest.objects.create(
        requester_unit=so,
        title="Báo cáo tổng kết dài",
        period="2025-Y",
        year=2025,
        cutoff_start=dt.date(2024, 12, 15),
        cutoff_end=dt.date(2025, 12, 14),
        deadline=dt.date(2025, 12, 20),
    )
    for r in (req, big):
        RequestIndicator.objects.bulk_create(
            [RequestIndicator(request=r, indicator=i, order=n) for n, i in enumerate(inds)]
        )
    heads = OutlineHeading.objects.bulk_create(
        [
            OutlineHeading(request=req, order=n, title=t)
            for n, t in enumerate(
                ["Kết quả thực hiện", "Khó khăn, vướng mắc", "Nhiệm vụ thời gian tới", "Kiến nghị"]
            )
        ]
    )
    big_heads = OutlineHeading.objects.bulk_create(
        [
            OutlineHeading(request=big, order=n, title=f"Kết quả nhiệm vụ thứ {n + 1}")
            for n in range(big_headings)
        ]
    )
    reports = UnitReport.objects.bulk_create(
        [UnitReport(request=req, unit=u, status=ReportStatus.SUBMITTED) for u in made]
    )
    ReportSection.objects.bulk_create(
        [ReportSection(report=r, heading=h, text=NARRATIVE * 2) for r in reports for h in heads]
    )
    values = []
    targets = []
    for n, u in enumerate(made):
        for k, ind in enumerate(inds):
            for period, bump in (("2025-Y", 300), ("2024-Y", 0)):
                values.append(
                    IndicatorValue(
                        indicator=ind,
                        unit=u,
                        period=period,
                        year=int(period[:4]),
                        value=Decimal(1000 + 7 * n + 11 * k + bump),
                        state=ValueState.ACCEPTED,
                    )
                )
            targets.append(
                Target(indicator=ind, unit=u, period="2025-Y", year=2025, value=Decimal(1200 + n))
            )
    IndicatorValue.objects.bulk_create(values, batch_size=2000)
    Target.objects.bulk_create(targets, batch_size=2000)
    big_report = UnitReport.objects.create(request=big, unit=made[0], status=ReportStatus.DRAFT)
    ReportSection.objects.bulk_create(
        [
            ReportSection(report=big_report, heading=h, text=(NARRATIVE * 3 + "\n") * 2)
            for h in big_heads
        ]
    )
    return ctx, req, big_report, [r.pk for r in reports]


def _render_reports(ids: list[int]) -> int:
    from danvan.drafting import builders, outputs
    from danvan.reporting.models import UnitReport

    connections.close_all()
    total = 0
    for r in UnitReport.objects.filter(pk__in=ids).select_related(
        "request", "unit", "unit__parent", "request__requester_unit"
    ):
        title, content = builders.report_content(r)
        total += len(outputs.render(r.unit, "bao_cao", title, content).docx)
    return total


def pages_of(docx: bytes) -> int | None:
    from danvan.core.render import ConversionError, convert_to_pdf

    try:
        pdf = convert_to_pdf(docx, settings.DANVAN_SOFFICE, 120)
    except ConversionError:
        return None
    import pdfplumber

    with pdfplumber.open(io.BytesIO(pdf)) as doc:
        return len(doc.pages)


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdfs", type=int, default=3)
    parser.add_argument("--big-headings", type=int, default=14)
    args = parser.parse_args()

    from danvan.drafting import builders, outputs, services
    from danvan.reporting.models import UnitReport

    t = time.perf_counter()
    ctx, req, big_report, ids = setup(args.units, args.big_headings)
    print(f"setup ({args.units} units, {len(ids)} reports): {time.perf_counter() - t:.1f} s")
    print(f"load average: {os.getloadavg()[0]:.2f} on {os.cpu_count()} CPUs")

    # 1. A 10-page report: draft built from the database and rendered.
    times = []
    docx = b""
    for _ in range(7):
        t = time.perf_counter()
        title, content = builders.report_content(big_report)
        docx = outputs.render(big_report.unit, "bao_cao", title, content).docx
        times.append(time.perf_counter() - t)
    pages = pages_of(docx)
    print(
        f"10-page report (draft from DB + DOCX): median {statistics.median(times) * 1000:.0f} ms "
        f"(min {min(times) * 1000:.0f} ms; {pages or '?'} pages in LibreOffice; target < 300 ms)"
    )

    # 2. All reports of one request, in a process pool.
    connections.close_all()
    chunks = [ids[i :: args.workers] for i in range(args.workers)]
    t = time.perf_counter()
    cpu0 = os.times()
    with ProcessPoolExecutor(args.workers) as pool:
        sizes = list(pool.map(_render_reports, chunks))
    wall = time.perf_counter() - t
    cpu1 = os.times()
    child_cpu = (cpu1.children_user + cpu1.children_system) - (
        cpu0.children_user + cpu0.children_system
    )
    print(
        f"{len(ids)} unit reports drafted + DOCX on {args.workers} workers: {wall:.1f} s "
        f"({wall / max(1, len(ids)) * 1000:.0f} ms/report wall, CPU {child_cpu:.1f} s, "
        f"{sum(sizes) // 1024 // 1024} MB; target < 60 s for 1,000 on 2 cores)"
    )

    # 3. The combined report over all those units.
    t = time.perf_counter()
    title, content = builders.combined_content(req)
    combined = outputs.render(req.requester_unit, "bao_cao", title, content).docx
    print(
        f"combined report over {len(ids)} units (roll-ups + quotes + DOCX): "
        f"{time.perf_counter() - t:.1f} s ({len(combined) // 1024} KB)"
    )

    # 4. The persisted path: draft saved, DOCX version stored, audit written.
    settings.DANVAN_SOFFICE = "/nonexistent/soffice"
    admin = ctx.admin
    sample = list(UnitReport.objects.filter(pk__in=ids[:50]).select_related("request", "unit"))
    t = time.perf_counter()
    for r in sample:
        services.generate(admin, services.draft_from_report(admin, r), pdf=False)
    per = (time.perf_counter() - t) / max(1, len(sample))
    print(
        f"saved draft + versioned DOCX + audit: {per * 1000:.0f} ms per report ({len(sample)} reports)"
    )

    # 5. PDF conversion per document.
    settings.DANVAN_SOFFICE = os.environ.get("DANVAN_SOFFICE", "soffice")
    if not outputs.pdf_possible():
        print("PDF: LibreOffice not installed")
        return
    times = []
    for _ in range(args.pdfs):
        result = outputs.make_pdf(docx)
        if result.seconds is None:
            print(f"PDF failed: {result.message}")
            break
        times.append(result.seconds)
    if times:
        print(
            f"PDF conversion (10-page report, own profile each): median {statistics.median(times):.1f} s, "
            f"max {max(times):.1f} s over {len(times)} runs"
        )


if __name__ == "__main__":
    sys.exit(main())
