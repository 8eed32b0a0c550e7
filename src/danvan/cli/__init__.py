"""The `danvan` console script.

Pure commands (`extract`, `rules`) run on danvan.core alone, without Django,
so they start fast and work without a database. Everything else is a Django
management command of one of the apps (`danvan demo`, `danvan check`,
`danvan import`, `danvan render`, ...).
"""

from __future__ import annotations

import importlib
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
    from django.core.management import execute_from_command_line

    execute_from_command_line(["danvan", *args])
    return 0


if __name__ == "__main__":
    sys.exit(main())
