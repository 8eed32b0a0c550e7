"""OCR of real scans: pages/s on N workers and our overhead over bare Tesseract.

Run: .venv/bin/python bench/bench_ocr_real.py [--pages-per-file 1] [--workers 2] [--dpi 200]

Takes the first page(s) of each ``../shared/real-samples/qng-0*.pdf``. "Bare" is
``tesseract IMAGE stdout -l vie tsv`` (OMP_THREAD_LIMIT=1) on the very pixels our reader
OCRs (rendered and prepared beforehand, not timed), ``--workers`` processes at once.
"Ours" is the reader's whole OCR path for the same pages: render, prepare (red channel,
median filter), blank-page test, Tesseract, TSV parsing, word boxes to layout and page
text, with the same number of Tesseract processes at once. Prints wall-clock pages/s and
CPU seconds per page (this process plus its children), so a busy machine shows in the
wall clock but not in the overhead.
"""

from __future__ import annotations

import argparse
import os
import resource
import subprocess
import sys
import tempfile
import time
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
SAMPLES = REPO.parent / "shared" / "real-samples"


def cpu() -> float:
    own = resource.getrusage(resource.RUSAGE_SELF)
    kids = resource.getrusage(resource.RUSAGE_CHILDREN)
    return own.ru_utime + own.ru_stime + kids.ru_utime + kids.ru_stime


def bare(images: list[Path], workers: int) -> tuple[float, float]:
    env = dict(os.environ, OMP_THREAD_LIMIT="1")

    def one(image: Path) -> None:
        subprocess.run(
            ["tesseract", str(image), "stdout", "-l", "vie", "tsv"],
            capture_output=True,
            check=True,
            env=env,
        )

    c0, t0 = cpu(), time.perf_counter()
    with ThreadPoolExecutor(max_workers=workers) as pool:
        list(pool.map(one, images))
    return time.perf_counter() - t0, cpu() - c0


def main(argv: list[str] | None = None) -> int:
    from danvan.core.extract.readers import ReadLimits
    from danvan.core.extract.readers.ocr import prepare
    from danvan.core.extract.readers.ocr_layout import ocr_pdf_pages
    from danvan.core.extract.readers.pdf_reader import layout_page

    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--pages-per-file", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--dpi", type=int, default=200)
    args = parser.parse_args(argv)
    import pypdfium2 as pdfium

    files = sorted(SAMPLES.glob("qng-0*.pdf"))
    jobs = [(path, i) for path in files for i in range(args.pages_per_file)]
    limits = ReadLimits(isolate=False, ocr_dpi=args.dpi, ocr_workers=args.workers)
    with tempfile.TemporaryDirectory() as tmp:
        images = []
        for n, (path, index) in enumerate(jobs):
            doc = pdfium.PdfDocument(str(path))
            page = doc[index]
            image = prepare(page.render(scale=args.dpi / 72).to_pil())
            page.close()
            doc.close()
            out = Path(tmp) / f"p{n}.png"
            image.save(out, dpi=(args.dpi, args.dpi))
            images.append(out)
        wall_b, cpu_b = bare(images, args.workers)

    c0, t0 = cpu(), time.perf_counter()
    chars = 0
    for path in files:
        found = ocr_pdf_pages(
            path, list(range(args.pages_per_file)), {}, limits, time.monotonic() + 3600
        )
        for index in sorted(found):
            chars += len(layout_page(found[index], index == 0)[0])
    wall_o, cpu_o = time.perf_counter() - t0, cpu() - c0
    n = len(jobs)
    print(f"{n} real scanned pages at {args.dpi} dpi, {args.workers} tesseract process(es) at once")
    print(f"  bare tesseract: {n / wall_b:.2f} pages/s wall, {cpu_b / n:.2f} CPU s/page")
    print(f"  ours (layout):  {n / wall_o:.2f} pages/s wall, {cpu_o / n:.2f} CPU s/page")
    print(
        f"  overhead over bare tesseract: CPU {100 * (cpu_o / cpu_b - 1):+.0f} %, "
        f"wall {100 * (wall_o / wall_b - 1):+.0f} %  ({chars} characters of page text)"
    )
    print(f"  machine load average now: {os.getloadavg()[0]:.1f} on {os.cpu_count()} cores")
    return 0


if __name__ == "__main__":
    sys.exit(main())
