"""Speed of plain-text extraction: documents per CPU-second over the public samples.

Run: .venv/bin/python bench/bench_extract_analysis.py [--write out.jsonl] [--copies N]

Prints two figures, both in CPU time (process time, so a loaded machine matters less):

- analysis: ``analyse()`` on texts already in memory, single process, after a warm-up;
- end to end: the real ``danvan extract`` command run as a child process on N copies of
  each sample (default 100, 300 files): interpreter start, reading and decoding each file, analysis
  and JSON output, CPU time of the child (user + system) from ``getrusage``.

With --write, also writes the analyse() output of each sample as JSON Lines for
score_extraction.py.
"""

from __future__ import annotations

import json
import resource
import shutil
import subprocess
import sys
import tempfile
import time
from pathlib import Path

from danvan.core.extract import analyse

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def _analysis(texts: list[tuple[str, str]]) -> None:
    for name, text in texts:  # warm-up: compile regexes
        analyse(text, name)
    rounds = 30
    t0, c0 = time.perf_counter(), time.process_time()
    for _ in range(rounds):
        for name, text in texts:
            analyse(text, name)
    elapsed, cpu = time.perf_counter() - t0, time.process_time() - c0
    n = rounds * len(texts)
    chars = rounds * sum(len(t) for _, t in texts)
    print(f"analysis: {n} documents, {chars / n / 1000:.1f} k chars each")
    print(f"  wall: {elapsed:.2f}s, {n / elapsed:.1f} docs/s")
    print(f"  cpu:  {cpu:.2f}s, {n / cpu:.1f} docs/s per core, {chars / cpu / 1e6:.2f} M chars/s")


def _end_to_end(files: list[Path], copies: int) -> None:
    with tempfile.TemporaryDirectory(prefix="bench-extract-") as tmp:
        paths = []
        for i in range(copies):
            for f in files:
                target = Path(tmp) / f"{f.stem}-{i:03d}.txt"
                shutil.copyfile(f, target)
                paths.append(str(target))
        command = [sys.executable, "-m", "danvan.cli", "extract", *paths]
        before = resource.getrusage(resource.RUSAGE_CHILDREN)
        t0 = time.perf_counter()
        done = subprocess.run(command, capture_output=True, check=False)
        elapsed = time.perf_counter() - t0
        after = resource.getrusage(resource.RUSAGE_CHILDREN)
    cpu = (after.ru_utime - before.ru_utime) + (after.ru_stime - before.ru_stime)
    lines = done.stdout.decode("utf-8").splitlines()
    errors = sum(1 for line in lines if '"error"' in line[:200] and json.loads(line).get("error"))
    n = len(paths)
    print(f"end to end (danvan extract, one process, {n} files, exit {done.returncode}):")
    print(f"  {len(lines)} objects, {errors} errors")
    print(f"  wall: {elapsed:.2f}s, {n / elapsed:.1f} docs/s")
    print(f"  cpu:  {cpu:.2f}s, {n / cpu:.1f} docs per CPU-second (interpreter start included)")


def main(argv: list[str]) -> int:
    files = sorted(SAMPLES.glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    if "--write" in argv:
        out = Path(argv[argv.index("--write") + 1])
        with out.open("w", encoding="utf-8") as fh:
            for name, text in texts:
                fh.write(json.dumps(analyse(text, name), ensure_ascii=False) + "\n")
    copies = int(argv[argv.index("--copies") + 1]) if "--copies" in argv else 100
    _analysis(texts)
    _end_to_end(files, copies)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
