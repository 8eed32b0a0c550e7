"""Speed of document rendering: DOCX build, bulk unit reports, PDF conversion.

Run: .venv/bin/python bench/bench_render.py [--units 1000] [--workers 2] [--pdfs 3]
Prints: median time to build a 10-page report DOCX (target < 300 ms), wall
time for N unit reports rendered in a process pool (target < 60 s for 1,000 on
2 cores), and LibreOffice DOCX → PDF time per document. Never asserted.
"""

from __future__ import annotations

import argparse
import io
import os
import statistics
import time
from concurrent.futures import ProcessPoolExecutor
from datetime import date

import pdfplumber

from danvan.core.render import (
    DocumentSpec,
    FigureParagraph,
    Heading,
    Issuer,
    Paragraph,
    Signer,
    Table,
    convert_to_pdf,
    figure_sentence,
    render_docx,
    soffice_available,
)

TEXT = (
    "Tiếp tục đổi mới phương thức tuyên truyền, tư vấn việc làm; nâng cao chất lượng kết nối "
    "cung - cầu lao động, bảo đảm quyền lợi hợp pháp của người lao động và phát huy vai trò "
    "của cán bộ, viên chức trong phong trào thi đua “Dân vận khéo” gắn với thực hiện quy chế "
    "dân chủ ở cơ sở."
)


def report(unit: int = 0, sections: int = 8) -> DocumentSpec:
    """A báo cáo of about 1.2 pages per section (8 → 10 pages)."""
    blocks: list[object] = [Paragraph(TEXT)]
    for s in range(1, sections + 1):
        blocks.append(Heading(f"Kết quả thực hiện nhiệm vụ thứ {s}"))
        for h in range(1, 4):
            blocks.append(Heading(f"Nội dung {s}.{h}", level=2))
            blocks.append(Paragraph(TEXT))
            value = 1000 + 37 * unit + 11 * s + h
            sentence = figure_sentence(
                "tư vấn cho",
                value,
                "lượt người",
                plan=value - 40,
                previous=value - 300,
                previous_year=2021,
            )
            blocks.append(FigureParagraph(f"Trung tâm đã {sentence}.", f"iv:{unit}:{s}:{h}"))
            blocks.append(Paragraph(TEXT))
        blocks.append(
            Table(
                (("TT", "Chỉ tiêu", "Kế hoạch", "Thực hiện", "Tỷ lệ"),),
                tuple((str(i), f"Chỉ tiêu {i}", "2.000", "1.886", "94,3%") for i in range(1, 6)),
                caption=f"Bảng {s}. Kết quả thực hiện chỉ tiêu",
                numeric_columns=(2, 3, 4),
            )
        )
    return DocumentSpec(
        issuer=Issuer(
            f"Trung tâm Dịch vụ việc làm số {unit + 1}",
            f"TTDVVL{unit + 1}",
            "Sở Lao động - Thương binh và Xã hội tỉnh Sơn La",
        ),
        doc_type="bao_cao",
        title="Kết quả phong trào thi đua “Dân vận khéo” 6 tháng đầu năm 2022",
        number=unit % 300 + 1,
        place="Sơn La",
        issued_on=date(2022, 6, 20),
        kinh_gui=("Sở Lao động - Thương binh và Xã hội tỉnh Sơn La",),
        body=tuple(blocks),  # type: ignore[arg-type]
        signer=Signer("Lò Thị Anh Hoa", "Phó Giám đốc", "KT", "Giám đốc"),
        recipients=("Sở LĐ-TBXH (B/c)", "Lãnh đạo TT", "Trang TTĐT"),
        archive_unit="HCTH",
        closing="Trên đây là báo cáo kết quả thực hiện của đơn vị",
    )


def _render_unit(unit: int) -> tuple[int, float]:
    start = time.process_time()
    size = len(render_docx(report(unit, sections=2)))
    return size, time.process_time() - start


def main() -> None:
    parser = argparse.ArgumentParser()
    parser.add_argument("--units", type=int, default=1000)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pdfs", type=int, default=3)
    args = parser.parse_args()
    print(f"load average before: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")

    spec = report()
    render_docx(spec)  # warm-up: imports, template load
    times = []
    for _ in range(15):
        start = time.perf_counter()
        data = render_docx(spec)
        times.append(time.perf_counter() - start)
    pages = "?"
    if soffice_available():
        with pdfplumber.open(io.BytesIO(convert_to_pdf(data))) as pdf:
            pages = str(len(pdf.pages))
    print(
        f"10-page report DOCX: median {statistics.median(times) * 1000:.0f} ms, "
        f"best {min(times) * 1000:.0f} ms ({pages} pages, {len(data) // 1024} KiB; target < 300 ms)"
    )

    start = time.perf_counter()
    with ProcessPoolExecutor(max_workers=args.workers) as pool:
        results = list(pool.map(_render_unit, range(args.units), chunksize=25))
    wall = time.perf_counter() - start
    cpu = sum(r[1] for r in results)
    print(
        f"{args.units} unit reports (about 3 pages each), {args.workers} processes: "
        f"{wall:.1f} s wall, {cpu:.1f} s CPU ({cpu / args.units * 1000:.1f} ms each; "
        f"{cpu / args.workers:.1f} s on {args.workers} idle cores), "
        f"{sum(r[0] for r in results) // 1024 // 1024} MiB total (target < 60 s for 1,000)"
    )

    if not soffice_available():
        print("PDF conversion: soffice not installed, skipped")
        return
    for label, doc in (("10-page report", data), ("3-page unit report", render_docx(report(1, 2)))):
        conv = []
        for _ in range(args.pdfs):
            start = time.perf_counter()
            convert_to_pdf(doc)
            conv.append(time.perf_counter() - start)
        print(
            f"PDF conversion, {label}: mean {statistics.mean(conv):.2f} s, "
            f"min {min(conv):.2f} s over {args.pdfs} runs (fresh LibreOffice profile each)"
        )


if __name__ == "__main__":
    main()
