"""Speed of the text-analysis half of extraction: documents per second over the samples.

Run: .venv/bin/python bench/bench_extract_analysis.py [--write out.jsonl]
Prints docs/s (single process, one core). With --write, also writes the
analyse() output of each sample as JSON Lines for score_extraction.py.
"""

from __future__ import annotations

import json
import sys
import time
from pathlib import Path

from danvan.core.extract import analyse

SAMPLES = Path(__file__).resolve().parents[1].parent / "shared" / "samples"


def main(argv: list[str]) -> int:
    files = sorted(SAMPLES.glob("*.txt"))
    texts = [(f.name, f.read_text(encoding="utf-8")) for f in files]
    if "--write" in argv:
        out = Path(argv[argv.index("--write") + 1])
        with out.open("w", encoding="utf-8") as fh:
            for name, text in texts:
                fh.write(json.dumps(analyse(text, name), ensure_ascii=False) + "\n")
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
    print(f"{n} documents, {chars / n / 1000:.1f} k chars each")
    print(f"wall: {elapsed:.2f}s, {n / elapsed:.1f} docs/s")
    print(f"cpu:  {cpu:.2f}s, {n / cpu:.1f} docs/s per core, {chars / cpu / 1e6:.2f} M chars/s")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
