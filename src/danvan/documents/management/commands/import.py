"""`danvan import PATH... [--unit CODE_OR_ID] [--user USERNAME]`: files or folders into the archive."""

from __future__ import annotations

from dataclasses import replace
from pathlib import Path

from django.core.exceptions import PermissionDenied
from django.core.management.base import BaseCommand, CommandError
from rich.console import Console
from rich.markup import escape
from rich.progress import (
    BarColumn,
    MofNCompleteColumn,
    Progress,
    TextColumn,
    TimeElapsedColumn,
    TimeRemainingColumn,
)
from rich.text import Text

from danvan.core.errors import DomainError
from danvan.documents import services, storage
from danvan.documents.ingest import FAILED, IMPORTED, SAME_CONTENT, UNCHANGED, read_limits
from danvan.documents.jobs import start_import


class Command(BaseCommand):
    help = (
        "Nạp văn bản (.txt, .docx, .doc, .odt, .rtf, .html, .pdf, ảnh) vào kho: tệp hoặc thư mục (duyệt cả thư mục con). "
        "Mỗi tệp được lưu trong một giao dịch riêng; tệp lỗi không ảnh hưởng tệp khác."
    )

    def add_arguments(self, parser):
        parser.add_argument("paths", nargs="+", metavar="PATH", help="tệp hoặc thư mục")
        parser.add_argument("--unit", help="đơn vị lưu trữ: mã số (id) hoặc tên viết tắt")
        parser.add_argument("--user", help="tài khoản thực hiện (mặc định: quản trị máy chủ)")
        parser.add_argument(
            "--background",
            action="store_true",
            help="xếp vào hàng đợi để `danvan worker` xử lý; in số hiệu công việc rồi thoát "
            "(xem tiến độ bằng `danvan jobs SỐ`)",
        )

    def handle(self, *args, **options):
        try:
            user = services.resolve_user(options["user"]) if options.get("user") else None
            if options.get("unit"):
                unit = services.resolve_unit(options["unit"])
            elif user is not None:
                unit = services.default_unit(user)
                if unit is None:
                    raise DomainError("Tài khoản này không có quyền nạp văn bản ở đơn vị nào.")
            else:
                raise DomainError(
                    "Hãy chỉ rõ đơn vị lưu trữ bằng --unit (hoặc tài khoản bằng --user)."
                )
        except DomainError as exc:
            raise CommandError(exc.message)

        if options["background"]:
            try:
                job = start_import(user, unit, [Path(p) for p in options["paths"]])
            except PermissionDenied as exc:
                raise CommandError(str(exc))
            self.stdout.write(str(job.pk))
            self.stderr.write(
                f"Đã xếp công việc #{job.pk} vào hàng đợi; xem tiến độ: danvan jobs {job.pk}"
            )
            return

        console = Console(file=self.stdout._out, stderr=False, highlight=False, soft_wrap=True)
        storage.clean_stale()  # what a killed earlier run left under the originals folder
        entries = list(services.expand_paths(Path(p) for p in options["paths"]))
        outcomes: list[services.ImportOutcome] = []
        interrupted = False
        progress = Progress(
            TextColumn("[bold]Nạp văn bản"),
            BarColumn(),
            MofNCompleteColumn(),
            TimeElapsedColumn(),
            TimeRemainingColumn(),
            TextColumn("{task.description}"),
            console=console,
            transient=False,
        )
        try:
            with progress:
                task = progress.add_task("", total=len(entries))
                for entry in entries:
                    if isinstance(entry, tuple):
                        path, message = entry
                        outcomes.append(services.ImportOutcome(str(path), FAILED, message))
                    else:
                        shown = escape(_short(entry.name))
                        progress.update(task, description=shown)

                        def pages(done: int, total: int, stage: str, shown: str = shown) -> None:
                            what = "lớp chữ" if stage == "layer" else "nhận dạng chữ"
                            described = f"{shown} · {what} trang {done}/{total}"
                            progress.update(task, description=described)

                        limits = replace(read_limits(), progress=pages)
                        try:
                            outcome = services.import_path(user, unit, entry, limits)
                        except PermissionDenied as exc:
                            raise CommandError(str(exc))
                        outcome.name = str(entry)
                        outcomes.append(outcome)
                    progress.advance(task)
        except KeyboardInterrupt:
            # The file in progress was rolled back as a whole; report what was done.
            interrupted = True

        self._report(console, outcomes, interrupted, len(entries))
        failed = sum(o.status == FAILED for o in outcomes)
        if interrupted or failed:
            raise SystemExit(1)

    def _report(self, console, outcomes, interrupted, total) -> None:
        # One line per file (no table): long Vietnamese messages stay whole and greppable.
        console.print(Text("Kết quả nạp văn bản:", style="bold"))
        marks = {
            IMPORTED: ("✓", "green"),
            UNCHANGED: ("=", "cyan"),
            SAME_CONTENT: ("=", "cyan"),
            FAILED: ("✗", "red"),
        }
        for o in outcomes:
            mark, style = marks.get(o.status, ("?", ""))
            line = Text(f"{mark} ", style=style)
            line.append(o.name)
            line.append(f" – {o.status_label}", style=style)
            if o.status in (IMPORTED, SAME_CONTENT) and o.document_id:
                line.append(f" (văn bản #{o.document_id})")
            note = o.message or "; ".join(o.warnings)
            if note:
                line.append(f": {note}")
            console.print(line, soft_wrap=True)
        counts = {
            s: sum(o.status == s for o in outcomes)
            for s in (IMPORTED, UNCHANGED, SAME_CONTENT, FAILED)
        }
        console.print(
            f"Đã nạp: {counts[IMPORTED]}, không đổi: {counts[UNCHANGED]}, "
            + (f"trùng nội dung: {counts[SAME_CONTENT]}, " if counts[SAME_CONTENT] else "")
            + f"lỗi: {counts[FAILED]}"
            f" / {total} tệp.",
            soft_wrap=True,
        )
        if interrupted:
            console.print(
                f"[red]Đã dừng giữa chừng (Ctrl-C): {total - len(outcomes)} tệp chưa được xử lý. "
                "Tệp đang xử lý dở không được lưu.[/red]",
                soft_wrap=True,
            )


def _short(name: str, width: int = 40) -> str:
    return name if len(name) <= width else "…" + name[-(width - 1) :]
