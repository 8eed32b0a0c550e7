"""Long scans: page progress reported while reading, and pages recognised once (by any
worker) into a page cache the read then takes them from."""

from __future__ import annotations

import dataclasses
import json
import os
import pty
import subprocess

import pytest

from danvan.core.extract.pipeline import ocr_plan, ocr_range, read_path
from danvan.core.extract.readers import ReadError, ReadLimits
from danvan.core.extract.readers.base import StopReading
from danvan.core.extract.readers.page_cache import DirPageCache, clean, remove
from tests.core.extract.conftest import DANVAN, SCAN_LINES, render_scan

SHA = "ab" * 32


def recorder() -> tuple[list[tuple[int, int, str]], ReadLimits]:
    seen: list[tuple[int, int, str]] = []
    return seen, ReadLimits(progress=lambda done, total, stage: seen.append((done, total, stage)))


@pytest.mark.parametrize("isolate", [True, False], ids=["child-process", "in-process"])
def test_a_scanned_pdf_reports_each_page_read_and_recognised(make_scan_pdf, isolate):
    path = make_scan_pdf(pages=3)
    seen, limits = recorder()
    result = read_path(path, dataclasses.replace(limits, isolate=isolate))
    assert result.ocr_pages == 3
    assert [s for s in seen if s[2] == "layer"] == [
        (1, 3, "layer"),
        (2, 3, "layer"),
        (3, 3, "layer"),
    ]
    assert [s for s in seen if s[2] == "ocr"] == [
        (0, 3, "ocr"),
        (1, 3, "ocr"),
        (2, 3, "ocr"),
        (3, 3, "ocr"),
    ]


def test_a_multi_page_tiff_reports_each_page(tmp_path):
    page = render_scan(SCAN_LINES)
    path = tmp_path / "scan.tif"
    page.save(path, save_all=True, append_images=[page, page], dpi=(300, 300))
    seen, limits = recorder()
    assert read_path(path, limits).pages == 3
    assert seen == [(1, 3, "ocr"), (2, 3, "ocr"), (3, 3, "ocr")]


@pytest.mark.parametrize("isolate", [True, False], ids=["child-process", "in-process"])
def test_a_callback_that_stops_the_read_stops_it(make_scan_pdf, isolate):
    """The job's callback raises when the job was taken over: the read ends there, and the
    exception reaches the caller as it was (not as a read error)."""

    def stop(done: int, total: int, stage: str) -> None:
        if stage == "ocr" and done >= 1:
            raise StopReading()

    with pytest.raises(StopReading):
        read_path(make_scan_pdf(pages=3), ReadLimits(progress=stop, isolate=isolate))


def test_pages_in_the_cache_are_taken_from_it_not_recognised_again(make_scan_pdf, tmp_path):
    path = make_scan_pdf(pages=3)
    cache = DirPageCache(tmp_path / "cache", SHA, ReadLimits())
    words = [{"text": "TRANG-ĐÃ-CÓ", "x0": 50.0, "x1": 200.0, "top": 80.0, "bottom": 92.0}]
    cache.put(1, words)
    result = read_path(path, ReadLimits(page_cache=cache))
    assert result.ocr_pages == 3
    assert "TRANG-ĐÃ-CÓ" in result.text
    assert result.text.count("8.794 lượt người lao động") == 2  # pages 0 and 2 recognised
    assert cache.pages() == {0, 1, 2}  # and kept for the next run
    assert json.loads((cache.folder / "1.json").read_text(encoding="utf-8")) == words


def test_a_page_range_is_recognised_into_the_cache_and_the_read_uses_it(make_scan_pdf, tmp_path):
    path = make_scan_pdf(pages=5)
    limits = ReadLimits(max_ocr_pages=0)
    assert ocr_plan(path, limits) == [0, 1, 2, 3, 4]
    cache = DirPageCache(tmp_path / "cache", SHA, limits)
    seen, _ = recorder()
    ranged = dataclasses.replace(
        limits, page_cache=cache, progress=lambda d, t, s: seen.append((d, t, s))
    )
    assert ocr_range(path, [0, 1], ranged) == 2
    assert ocr_range(path, [2, 3, 4], ranged) == 3
    assert cache.pages() == {0, 1, 2, 3, 4}
    assert [s for s in seen if s[2] == "ocr"][-1] == (3, 3, "ocr")
    # every page cached: the read recognises nothing (a tesseract that fails shows it)
    cached_only = dataclasses.replace(limits, page_cache=cache)
    again = read_path(path, cached_only)
    # (lines repeated on every page are dropped as running headers: the title stays)
    assert again.ocr_pages == 5 and again.text.count("Kết quả phong trào thi đua") == 5
    for page in range(5):
        (cache.folder / f"{page}.json").write_text("[]", encoding="utf-8")
    with pytest.raises(ReadError):
        read_path(path, cached_only)  # empty pages from the cache: no text, no OCR run


def test_pages_read_with_other_settings_are_not_mixed_in(tmp_path):
    one = DirPageCache(tmp_path, SHA, ReadLimits(ocr_dpi=200))
    other = DirPageCache(tmp_path, SHA, ReadLimits(ocr_dpi=300))
    one.put(0, [])
    assert other.get(0) is None and one.get(0) == []
    assert other.folder != one.folder


def test_the_cache_of_a_file_is_removed_and_old_ones_cleaned(tmp_path):
    cache = DirPageCache(tmp_path, SHA, ReadLimits())
    cache.put(3, ["x"])
    assert clean(tmp_path, max_age_s=3600) == 0 and cache.get(3) == ["x"]
    assert clean(tmp_path, max_age_s=-1) == 1 and cache.get(3) is None
    cache.put(3, ["x"])
    remove(tmp_path, SHA)
    assert cache.pages() == set()


def test_an_image_file_plan_and_range(tmp_path):
    page = render_scan(SCAN_LINES)
    path = tmp_path / "scan.tif"
    page.save(path, save_all=True, append_images=[page, page, page], dpi=(300, 300))
    limits = ReadLimits(max_ocr_pages=3)
    assert ocr_plan(path, limits) == [0, 1, 3]
    cache = DirPageCache(tmp_path / "cache", SHA, limits)
    assert ocr_range(path, [1, 3], dataclasses.replace(limits, page_cache=cache)) == 2
    assert cache.pages() == {1, 3}
    assert "8.794" in cache.get(3)[0]
    assert ocr_plan(tmp_path / "scan.tif", ReadLimits(ocr=False)) == []


def test_a_text_file_needs_no_ocr(tmp_path):
    path = tmp_path / "a.txt"
    path.write_text("Báo cáo kết quả công tác dân vận năm 2022.", encoding="utf-8")
    assert ocr_plan(path) == []


def test_danvan_extract_on_a_terminal_shows_the_page_progress_on_stderr(make_scan_pdf):
    path = make_scan_pdf(pages=2)
    master, slave = pty.openpty()
    try:
        done = subprocess.run(
            [str(DANVAN), "extract", str(path)],
            stdout=subprocess.PIPE,
            stderr=slave,
            timeout=300,
            check=False,
        )
    finally:
        os.close(slave)
    shown = b""
    while True:
        try:
            chunk = os.read(master, 4096)
        except OSError:  # the terminal's other end is closed: all read
            break
        if not chunk:
            break
        shown += chunk
    os.close(master)
    assert done.returncode == 0 and "error" not in json.loads(done.stdout)
    text = shown.decode("utf-8")
    assert "scan.pdf: đọc lớp chữ trang 2/2" in text
    assert "scan.pdf: nhận dạng chữ (OCR) trang 2/2" in text
    assert text.endswith("\r\x1b[K")  # the line is cleared at the end
