"""`danvan extract [--format jsonl] PATH [PATH ...]`: one JSON object per line.

Exit 0 when every file was read, 1 when any gave an object with "error"
(after all the others were printed), 2 for a wrong command line.
Runs on danvan.core alone (no Django); .txt input loads no PDF/DOCX/OCR library.
"""

from __future__ import annotations

import argparse
import dataclasses
import json
import logging
import os
import re
import sys
from collections.abc import Callable, Iterator
from concurrent.futures import ThreadPoolExecutor
from typing import IO, Any, NoReturn

from danvan.core.extract.pipeline import extract_path, source_name
from danvan.core.extract.readers import MB, ReadLimits

DESCRIPTION = (
    "Đọc văn bản hành chính (.txt, .docx, .doc, .odt, .rtf, .html, .pdf, ảnh quét) và in ra các thông tin "
    "trích xuất được: mỗi tệp một đối tượng JSON trên một dòng (JSON Lines), theo "
    "thứ tự các tệp đã cho."
)
EPILOG = (
    "Mã thoát: 0 khi đọc được mọi tệp; 1 khi có tệp không đọc được (dòng của tệp đó có "
    'trường "error"); 2 khi câu lệnh sai cú pháp.'
)

# argparse builds its messages in English; these patterns give the Vietnamese.
_ERRORS: tuple[tuple[re.Pattern[str], str], ...] = (
    (re.compile(r"the following arguments are required: (.*)"), r"thiếu tham số bắt buộc: \1"),
    (re.compile(r"unrecognized arguments: (.*)"), r"tham số không được hỗ trợ: \1"),
    (re.compile(r"argument (\S+): expected one argument"), r"tùy chọn \1 cần một giá trị"),
    (
        re.compile(r"argument (\S+): invalid choice: (.*?) \(choose from (.*)\)"),
        r"tùy chọn \1: giá trị \2 không hợp lệ (chọn một trong: \3)",
    ),
    (
        re.compile(r"argument (\S+): invalid \S+ value: (.*)"),
        r"tùy chọn \1: giá trị \2 không hợp lệ",
    ),
    (re.compile(r"argument (\S+): (.*)"), r"tùy chọn \1: \2"),
)


def _translate(message: str) -> str:
    for pattern, replacement in _ERRORS:
        if pattern.fullmatch(message):
            return pattern.sub(replacement, message)
    return message


class _Formatter(argparse.HelpFormatter):
    def add_usage(self, usage, actions, groups, prefix=None):  # type: ignore[no-untyped-def]
        return super().add_usage(usage, actions, groups, prefix or "Cách dùng: ")


class _Parser(argparse.ArgumentParser):
    def error(self, message: str) -> NoReturn:
        self.print_usage(sys.stderr)
        self.exit(2, f"{self.prog}: lỗi: {_translate(message)}\n")


def _positive(kind: type[float] | type[int]) -> Callable[[str], float | int]:
    def parse(text: str) -> float | int:
        try:
            value = kind(text.replace(",", "."))
        except ValueError:
            raise argparse.ArgumentTypeError(f"“{text}” không phải là số")
        if value <= 0:
            raise argparse.ArgumentTypeError(f"cần một số lớn hơn 0, nhận được “{text}”")
        return value

    return parse


# The options that take a number above 0: flags, number type, default, metavar, help.
_NUMBER_OPTIONS: tuple[tuple[tuple[str, ...], type[float] | type[int], float, str, str], ...] = (
    (("--max-mb",), float, 100.0, "MB", "bỏ qua tệp lớn hơn MB megabyte (mặc định 100)"),
    (
        ("--timeout",),
        float,
        120.0,
        "GIÂY",
        "thời gian đọc tối đa cho mỗi tệp, tính bằng giây (mặc định 120)",
    ),
    (
        ("--jobs", "-j"),
        int,
        1,
        "N",
        "đọc N tệp cùng lúc (mặc định 1); kết quả vẫn theo thứ tự các tệp",
    ),
)


def build_parser() -> argparse.ArgumentParser:
    parser = _Parser(
        prog="danvan extract",
        description=DESCRIPTION,
        epilog=EPILOG,
        formatter_class=_Formatter,
        add_help=False,
    )
    parser._positionals.title = "tham số"
    parser._optionals.title = "tùy chọn"
    parser.add_argument(
        "paths",
        nargs="+",
        metavar="PATH",
        help="tệp cần đọc (.txt, .docx, .doc, .odt, .rtf, .html, .pdf, .png, .jpg, .tif)",
    )
    parser.add_argument(
        "--format",
        choices=["jsonl"],
        default="jsonl",
        help="định dạng kết quả: jsonl (mặc định, mỗi tệp một dòng JSON)",
    )
    for flags, kind, default, metavar, text in _NUMBER_OPTIONS:
        parser.add_argument(
            *flags, type=_positive(kind), default=default, metavar=metavar, help=text
        )
    parser.add_argument(
        "--no-ocr",
        action="store_true",
        help="không nhận dạng chữ (OCR) cho PDF quét và ảnh",
    )
    parser.add_argument("-h", "--help", action="help", help="in hướng dẫn này rồi thoát")
    return parser


def _with_page_progress(path: str, limits: ReadLimits) -> dict[str, Any]:
    """Extract one file, its page progress shown on the terminal (stderr), one line
    rewritten in place and cleared when done."""
    name = source_name(path)

    def pages(done: int, total: int, stage: str) -> None:
        what = "đọc lớp chữ" if stage == "layer" else "nhận dạng chữ (OCR)"
        sys.stderr.write(f"\r\033[Kdanvan extract: {name}: {what} trang {done}/{total}")
        sys.stderr.flush()

    try:
        return extract_path(path, dataclasses.replace(limits, progress=pages))
    finally:
        sys.stderr.write("\r\033[K")
        sys.stderr.flush()


def _stdout() -> IO[bytes]:
    return sys.stdout.buffer


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(sys.argv[1:] if argv is None else argv)
    logging.basicConfig(
        level=logging.DEBUG if os.environ.get("DANVAN_DEBUG") else logging.WARNING,
        format="danvan extract: %(levelname)s %(message)s",
        stream=sys.stderr,
    )
    limits = ReadLimits(
        max_file_bytes=int(args.max_mb * MB),
        timeout_s=float(args.timeout),
        ocr=not args.no_ocr,
        # the cores are shared between the files read at once and their pages' OCR
        ocr_workers=max(1, (os.cpu_count() or 1) // max(1, int(args.jobs))),
    )
    out = _stdout()
    failed = False
    try:
        for obj in _results(args.paths, limits, max(1, int(args.jobs))):
            failed |= "error" in obj
            line = json.dumps(obj, ensure_ascii=False) + "\n"
            out.write(line.encode("utf-8", "replace"))
            out.flush()
    except BrokenPipeError:
        # The reader of our output went away (`| head`): stop quietly.
        devnull = os.open(os.devnull, os.O_WRONLY)
        os.dup2(devnull, sys.stdout.fileno())
        return 1
    except KeyboardInterrupt:
        sys.stderr.write("danvan extract: đã dừng theo yêu cầu.\n")
        return 130
    return 1 if failed else 0


def _results(paths: list[str], limits: ReadLimits, jobs: int) -> Iterator[dict[str, Any]]:
    """Extraction objects in input order. With jobs > 1, threads drive the
    readers' child processes (and tesseract) in parallel."""
    if jobs == 1 or len(paths) == 1:
        for path in paths:
            if sys.stderr.isatty():
                yield _with_page_progress(path, limits)
            else:
                yield extract_path(path, limits)
        return

    with ThreadPoolExecutor(max_workers=jobs) as pool:
        yield from pool.map(lambda path: extract_path(path, limits), paths)
