"""danvan.core is a library: it must never import Django or a danvan app."""

import ast
import pathlib
import subprocess
import sys

CORE = pathlib.Path(__file__).resolve().parents[2] / "src" / "danvan" / "core"
FORBIDDEN_PREFIXES = ("django", "ninja", "axes", "danvan.")
ALLOWED_DANVAN = "danvan.core"


def _imports(path: pathlib.Path):
    tree = ast.parse(path.read_text(encoding="utf-8"), filename=str(path))
    for node in ast.walk(tree):
        if isinstance(node, ast.Import):
            for alias in node.names:
                yield alias.name
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            yield node.module


def test_core_modules_import_no_django_and_no_app():
    offenders = []
    for path in CORE.rglob("*.py"):
        for name in _imports(path):
            if name == "django" or name.startswith(FORBIDDEN_PREFIXES[:3]):
                offenders.append(f"{path.relative_to(CORE)}: {name}")
            elif name.startswith("danvan.") and not name.startswith(ALLOWED_DANVAN):
                offenders.append(f"{path.relative_to(CORE)}: {name}")
    assert offenders == []


def test_importing_every_core_module_loads_no_django():
    code = (
        "import importlib, pkgutil, sys, danvan.core as c\n"
        "for m in pkgutil.walk_packages(c.__path__, 'danvan.core.'):\n"
        "    importlib.import_module(m.name)\n"
        "bad = sorted(k for k in sys.modules if k == 'django' or k.startswith('django.'))\n"
        "print(len(bad)); sys.exit(1 if bad else 0)\n"
    )
    result = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True)
    assert result.returncode == 0, result.stdout + result.stderr
