"""`danvan render --samples DIR`: one document of every type we generate, from the
demo data, as DOCX (and PDF when LibreOffice is installed)."""

from __future__ import annotations

import time
from pathlib import Path

from django.core.management.base import BaseCommand, CommandError

from danvan.core.render import check_layout
from danvan.drafting.outputs import make_pdf, pdf_possible, render
from danvan.drafting.samples import MissingDemo, build_samples


class Command(BaseCommand):
    help = (
        "Tạo văn bản mẫu của mọi loại (Báo cáo, Kế hoạch, Tờ trình, Quyết định, Công văn, "
        "Thông báo, Báo cáo của cơ quan Đảng) từ dữ liệu mẫu, dạng DOCX và PDF."
    )

    def add_arguments(self, parser):
        parser.add_argument("--samples", metavar="DIR", required=True, help="thư mục ghi tệp")
        parser.add_argument("--no-pdf", action="store_true", help="không chuyển sang PDF")

    def handle(self, *args, **options):
        out = Path(options["samples"])
        try:
            out.mkdir(parents=True, exist_ok=True)
        except OSError as exc:
            raise CommandError(f"Không tạo được thư mục {out}: {exc}") from None
        try:
            samples = build_samples()
        except MissingDemo:
            raise CommandError(
                "Chưa có dữ liệu mẫu: hãy chạy `danvan demo` trước rồi chạy lại lệnh này."
            ) from None
        want_pdf = not options["no_pdf"]
        if want_pdf and not pdf_possible():
            self.stdout.write("Máy chưa cài LibreOffice: chỉ tạo tệp DOCX.")
            want_pdf = False
        for s in samples:
            start = time.perf_counter()
            rendered = render(s.unit, s.doc_type, s.title, s.content, s.number, s.issued_on)
            path = out / f"{s.name}.docx"
            path.write_bytes(rendered.docx)
            problems = check_layout(rendered.docx)
            line = (
                f"{path}  {s.label}  số {rendered.spec.symbol}  "
                f"({len(rendered.docx) // 1024} KB, {(time.perf_counter() - start) * 1000:.0f} ms"
                f"{', thể thức: ' + str(len(problems)) + ' lỗi' if problems else ', thể thức đạt'})"
            )
            self.stdout.write(line)
            if want_pdf:
                result = make_pdf(rendered.docx)
                if result.pdf is None:
                    self.stdout.write(f"  PDF: {result.message}")
                else:
                    pdf_path = out / f"{s.name}.pdf"
                    pdf_path.write_bytes(result.pdf)
                    self.stdout.write(f"{pdf_path}  ({result.seconds:.1f} giây)")
        self.stdout.write(
            "Số văn bản trong các mẫu là số minh họa (số tiếp theo của sổ), không ghi vào sổ."
        )
