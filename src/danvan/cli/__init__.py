"""The `danvan` console script.

Pure commands (`extract`, `rules`) run on danvan.core alone, without Django,
so they start fast and work without a database. Everything else is a Django
management command of one of the apps (`danvan demo`, `danvan check`,
`danvan import`, `danvan render`, ...).
"""

from __future__ import annotations

import importlib
import logging
import os
import sys

PURE_COMMANDS = {
    "extract": "danvan.cli.extract",
    "rules": "danvan.cli.rules",
}


def main(argv: list[str] | None = None) -> int:
    args = list(sys.argv[1:] if argv is None else argv)
    if args and args[0] in PURE_COMMANDS:
        module = importlib.import_module(PURE_COMMANDS[args[0]])
        return int(module.main(args[1:]) or 0)
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "danvan.settings")
    # Django only for app commands: the pure commands above start without it
    from django.core.management import execute_from_command_line
    from django.db import DatabaseError

    try:
        execute_from_command_line(["danvan", *args])
    except KeyboardInterrupt:
        sys.stderr.write("\nĐã dừng theo yêu cầu (Ctrl-C).\n")
        return 130
    except DatabaseError as exc:
        # A database that is missing, not migrated or unreachable: say what to
        # do in Vietnamese for the user, keep the cause in English for the log.
        logging.getLogger("danvan.cli").error("database error in %r: %s", args[:1], exc)
        sys.stderr.write(
            "Lỗi cơ sở dữ liệu: chưa khởi tạo, chưa cập nhật cấu trúc hoặc không kết nối được.\n"
            "Hãy chạy `danvan migrate` (và kiểm tra DATABASE_URL), rồi thử lại; "
            "`danvan check` cho biết tình trạng chi tiết.\n"
        )
        return 1
    return 0


if __name__ == "__main__":
    sys.exit(main())
