"""`danvan extract` through the installed console script, as users run it."""

from __future__ import annotations

import json
import os
import subprocess
import sys

from danvan.core.extract.analyse import analyse

TEXT = (
    "BÁO CÁO\nKết quả công tác dân vận năm 2022\n"
    "Trung tâm Dịch vụ việc làm Sơn La đã tư vấn cho 8.794 lượt người."
)


def run(danvan_cmd, *args, env=None):
    return subprocess.run(
        [str(danvan_cmd), "extract", *map(str, args)],
        capture_output=True,
        timeout=300,
        env={**os.environ, **(env or {})},
    )


def lines_of(result) -> list[dict]:
    return [json.loads(line) for line in result.stdout.decode("utf-8").splitlines()]


def test_it_prints_one_contract_object_per_file_in_input_order(tmp_path, make_docx, danvan_cmd):
    first = tmp_path / "b-first.txt"
    first.write_text(TEXT, encoding="utf-8")
    second = make_docx(lambda d: d.add_paragraph("Kế hoạch số 130/KH-TTDVVL"), name="a-second.docx")
    result = run(danvan_cmd, first, second)
    assert result.returncode == 0, result.stderr.decode()
    objects = lines_of(result)
    assert [o["source"] for o in objects] == ["b-first.txt", "a-second.docx"]
    assert objects[0] == analyse(TEXT, "b-first.txt")
    assert objects[1] == analyse("Kế hoạch số 130/KH-TTDVVL", "a-second.docx")


def test_format_jsonl_is_accepted_explicitly(tmp_path, danvan_cmd):
    path = tmp_path / "a.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(danvan_cmd, "--format", "jsonl", path)
    assert result.returncode == 0
    assert len(lines_of(result)) == 1


def test_an_unreadable_file_gets_an_error_line_and_exit_1_after_the_others(tmp_path, danvan_cmd):
    good = tmp_path / "tot.txt"
    good.write_text(TEXT, encoding="utf-8")
    result = run(danvan_cmd, good, tmp_path / "khong-co.txt", good)
    assert result.returncode == 1
    objects = lines_of(result)
    assert [("error" in o) for o in objects] == [False, True, False]
    assert objects[1] == {
        "schema": "danvan.extraction/1",
        "source": "khong-co.txt",
        "error": objects[1]["error"],
    }
    assert "Không tìm thấy tệp" in objects[1]["error"]


def test_bad_files_never_print_a_traceback(tmp_path, danvan_cmd):
    empty = tmp_path / "rong.txt"
    empty.write_bytes(b"")
    broken = tmp_path / "hong.docx"
    broken.write_bytes(b"PK\x03\x04" + os.urandom(300))
    pdf = tmp_path / "hong.pdf"
    pdf.write_bytes(b"%PDF-1.4\n" + os.urandom(300))
    result = run(danvan_cmd, empty, broken, pdf, tmp_path)
    assert result.returncode == 1
    assert len(lines_of(result)) == 4
    assert all("error" in o for o in lines_of(result))
    assert b"Traceback" not in result.stderr


def test_output_is_utf8_json_without_escapes_whatever_the_locale(tmp_path, danvan_cmd):
    path = tmp_path / "bao-cao.txt"
    path.write_text(TEXT, encoding="utf-8")
    result = run(danvan_cmd, path, env={"LANG": "C", "LC_ALL": "C", "PYTHONIOENCODING": "ascii"})
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert "\\u" not in out
    assert json.loads(out)["source"] == "bao-cao.txt"


def test_usage_errors_exit_2_with_vietnamese_help(danvan_cmd):
    missing = run(danvan_cmd)
    assert missing.returncode == 2
    err = missing.stderr.decode("utf-8")
    assert "Cách dùng: danvan extract" in err and "thiếu tham số bắt buộc" in err
    wrong_format = run(danvan_cmd, "--format", "xml", "a.txt")
    assert wrong_format.returncode == 2
    assert "không hợp lệ" in wrong_format.stderr.decode("utf-8")
    unknown = run(danvan_cmd, "--khong-co", "a.txt")
    assert unknown.returncode == 2
    assert "tham số không được hỗ trợ" in unknown.stderr.decode("utf-8")
    assert missing.stdout == wrong_format.stdout == unknown.stdout == b""


def test_help_is_in_vietnamese(danvan_cmd):
    result = run(danvan_cmd, "--help")
    assert result.returncode == 0
    out = result.stdout.decode("utf-8")
    assert "Cách dùng:" in out and "tùy chọn" in out and "Mã thoát" in out


def test_max_mb_limits_the_file_size(tmp_path, danvan_cmd):
    path = tmp_path / "lon.txt"
    path.write_text(TEXT * 200, encoding="utf-8")
    result = run(danvan_cmd, "--max-mb", "0,01", path)
    assert result.returncode == 1
    assert "vượt giới hạn" in lines_of(result)[0]["error"]


def test_no_ocr_turns_scanned_pdfs_into_clear_errors(scan_pdf, danvan_cmd):
    result = run(danvan_cmd, "--no-ocr", scan_pdf)
    assert result.returncode == 1
    assert "đang tắt" in lines_of(result)[0]["error"]


def test_reading_a_txt_loads_no_pdf_docx_or_ocr_library(tmp_path):
    path = tmp_path / "nhanh.txt"
    path.write_text(TEXT, encoding="utf-8")
    code = (
        "import io, sys\n"
        "from danvan.cli import main\n"
        "sys.stdout = io.TextIOWrapper(io.BytesIO())\n"
        f"rc = main(['extract', {str(path)!r}])\n"
        "heavy = ('pdfplumber', 'pdfminer', 'docx', 'pytesseract', 'PIL', 'pypdfium2', 'django')\n"
        "print(sorted(m for m in sys.modules if m.split('.')[0] in heavy), rc, file=sys.stderr)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.stderr.strip() == "[] 0"


def test_parallel_jobs_keep_the_input_order(tmp_path, make_docx, danvan_cmd):
    paths = []
    for i in range(6):
        if i % 2:
            paths.append(make_docx(lambda d, i=i: d.add_paragraph(f"Tệp số {i}"), name=f"{i}.docx"))
        else:
            path = tmp_path / f"{i}.txt"
            path.write_text(f"Tệp số {i}", encoding="utf-8")
            paths.append(path)
    paths.insert(3, tmp_path / "khong-co.txt")
    serial = run(danvan_cmd, *paths)
    parallel = run(danvan_cmd, "--jobs", "3", *paths)
    assert parallel.returncode == serial.returncode == 1
    assert lines_of(parallel) == lines_of(serial)
    assert [o["source"] for o in lines_of(parallel)] == [p.name for p in paths]


def test_a_reader_that_stops_early_gets_no_traceback(tmp_path, danvan_cmd):
    paths = []
    for i in range(200):
        path = tmp_path / f"{i:03d}.txt"
        path.write_text(TEXT, encoding="utf-8")
        paths.append(str(path))
    process = subprocess.Popen(
        [str(danvan_cmd), "extract", *paths], stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )
    assert process.stdout is not None and process.stderr is not None
    first = process.stdout.readline()
    process.stdout.close()  # like `danvan extract ... | head -1`
    err = process.stderr.read()
    process.wait(timeout=120)
    assert json.loads(first)["source"] == "000.txt"
    assert b"Traceback" not in err
