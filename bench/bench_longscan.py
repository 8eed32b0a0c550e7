"""A long scan (one scanned PDF of --pages pages, 200 by default) imported in the
background: wall time, CPU, peak memory and the progress the job shows.

Run:
    .venv/bin/python bench/bench_longscan.py [--pages 200] [--split 20] [--runs split1,split2,whole]

Every page is OCR'd (DANVAN_OCR_MAX_PAGES=0). Runs:

- split1: DANVAN_OCR_SPLIT_PAGES=--split, 1 worker: the file's job starts one child job
  per part of --split pages, the worker runs them one after the other, then the file's
  job reads the pages from the page cache and stores the document;
- split2: the same with 2 separate `danvan worker` processes (as on two machines);
- whole: no splitting (DANVAN_OCR_SPLIT_PAGES=0), 1 worker: the whole scan in one
  reader process (the time limit raised to an hour for it).

Memory: "peak RSS (sum)" is the largest total resident memory of the workers' sessions
(workers, their reader processes, tesseract) sampled every 0.2 s; "largest process" is
the largest VmHWM (own peak RSS) of any of them seen by the sampler. (getrusage of the
children is no use here: Linux keeps a vfork'ed child's peak across exec, so every
child would report this script's own peak while it rendered the scan.)
Progress: the distinct steps the file's job showed while it ran (sampled). The SQLite
database lives under /tmp; DATABASE_URL (PostgreSQL) is used when set, as bench_jobs.py.

Figures only; nothing is asserted.
"""

from __future__ import annotations

import argparse
import os
import resource
import sys
import tempfile
import threading
import time
import uuid
from pathlib import Path

REPO = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(REPO))
sys.path.insert(0, str(REPO / "bench"))
from bench_jobs import LINES, Site, stop  # noqa: E402
from tests.core.extract.conftest import render_scan  # noqa: E402

A4 = (2480, 3508)  # 300 dpi


def long_scan(root: Path, pages: int) -> Path:
    """One image-only PDF, a bilevel A4 page at 300 dpi each, distinct text per page."""
    from PIL import Image

    tag = uuid.uuid4().hex[:8]
    images = []
    for i in range(pages):
        page = Image.new("L", A4, 255)
        text = render_scan([*LINES, f"Trang {i + 1} - hồ sơ {tag}"])
        page.paste(text, (0, 200))
        images.append(page.convert("1"))
    path = root / f"ban-quet-{pages}-trang-{tag}.pdf"
    images[0].save(path, "PDF", resolution=300.0, save_all=True, append_images=images[1:])
    return path


class Sampler(threading.Thread):
    """Peak total RSS of the processes in the given sessions, and the job's steps."""

    def __init__(self, site: Site, sessions: set[int], job: int) -> None:
        super().__init__(daemon=True)
        self.site, self.sessions, self.job = site, sessions, job
        self.peak_kib = 0
        self.peaks: dict[int, int] = {}
        self.steps: list[str] = []
        self.halt = threading.Event()

    def run(self) -> None:
        last_poll = 0.0
        while not self.halt.is_set():
            self.peak_kib = max(self.peak_kib, session_rss_kib(self.sessions, self.peaks))
            if time.monotonic() - last_poll > 1.0:
                last_poll = time.monotonic()
                rows = self.site.rows(
                    "SELECT step, done, total FROM jobs_job "
                    f"WHERE kind = 'import_file' AND parent_id = {self.job}"
                )
                for step, done, total in rows:
                    line = f"{done}/{total} {step}"
                    if step and (not self.steps or self.steps[-1] != line):
                        self.steps.append(line)
            time.sleep(0.2)


def session_rss_kib(sessions: set[int], peaks: dict[int, int]) -> int:
    """Total VmRSS of the sessions' processes now; ``peaks`` gets each one's VmHWM (its
    own peak, which a forked reader starts at its worker's size)."""
    total = 0
    for entry in os.scandir("/proc"):
        if not entry.name.isdigit():
            continue
        try:
            with open(f"/proc/{entry.name}/stat") as handle:
                fields = handle.read().rsplit(")", 1)[1].split()
            if int(fields[3]) not in sessions:  # field 6 of stat: the session id
                continue
            with open(f"/proc/{entry.name}/status") as handle:
                for line in handle:
                    if line.startswith("VmHWM:"):
                        pid = int(entry.name)
                        peaks[pid] = max(peaks.get(pid, 0), int(line.split()[1]))
                    elif line.startswith("VmRSS:"):
                        total += int(line.split()[1])
                        break
        except (OSError, ValueError, IndexError):
            continue
    return total


def _cpu() -> float:
    r = resource.getrusage(resource.RUSAGE_CHILDREN)
    return r.ru_utime + r.ru_stime


def run(site: Site, scan: Path, pages: int, workers: int, split: int) -> None:
    site.env["DANVAN_OCR_SPLIT_PAGES"] = str(split)
    copy = scan.parent / f"{uuid.uuid4().hex[:6]}-{scan.name}"
    # other bytes (a comment after the end), so each run stores a document of its own
    copy.write_bytes(scan.read_bytes() + f"% {copy.name}\n".encode())
    job = int(site.cli("import", "--background", "--user", "canbo.ttdvvl", str(copy)).strip())
    cpu = _cpu()
    t = time.monotonic()
    procs = [site.worker(1) for _ in range(workers)]
    sampler = Sampler(site, {p.pid for p in procs}, job)
    sampler.start()
    status = site.wait(job)
    elapsed = time.monotonic() - t
    sampler.halt.set()
    sampler.join()
    for proc in procs:
        stop(proc)
    cpu = _cpu() - cpu
    largest_mib = max(sampler.peaks.values(), default=0) / 1024
    parts = site.rows(
        "SELECT COUNT(*) FROM jobs_job WHERE kind = 'ocr_pages' AND parent_id IN "
        f"(SELECT id FROM jobs_job WHERE parent_id = {job})"
    )[0][0]
    result = site.rows(
        f"SELECT status, error FROM jobs_job WHERE kind = 'import_file' AND parent_id = {job}"
    )
    docs = site.rows(f"SELECT pages FROM documents_document WHERE original_name = '{copy.name}'")
    mode = f"split in parts of {split}" if split else "whole file in one job"
    print(
        f"   {mode}, {workers} worker(s): {pages} pages in {elapsed:6.1f} s "
        f"= {pages / elapsed:4.2f} pages/s [{status}; file {result[0][0]}"
        f"{' ' + result[0][1][:120] if result[0][1] else ''}; {parts} part jobs; "
        f"document pages {docs[0][0] if docs else '-'}]\n"
        f"      {cpu:.0f} CPU s ({cpu / pages:.2f} s a page); peak RSS (sum) "
        f"{sampler.peak_kib / 1024:.0f} MiB; largest process {largest_mib:.0f} MiB; "
        f"load average {os.getloadavg()[0]:.1f}",
        flush=True,
    )
    shown = sampler.steps[:3] + (["…"] if len(sampler.steps) > 6 else []) + sampler.steps[-3:]
    print("      progress seen: " + " | ".join(dict.fromkeys(shown)), flush=True)


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("--pages", type=int, default=200)
    parser.add_argument("--split", type=int, default=20)
    parser.add_argument("--runs", default="split1,split2,whole")
    args = parser.parse_args(argv)
    site = Site(Path(tempfile.mkdtemp(prefix="danvan-bench-longscan-")))
    site.env.update(
        {
            "DANVAN_OCR_MAX_PAGES": "0",
            "DANVAN_EXTRACT_TIMEOUT_S": "3600",
            "DANVAN_JOB_LEASE_S": "60",
        }
    )
    engine = "postgresql" if site.pg else "sqlite"
    print(f"== bench_longscan on {engine}, {os.cpu_count()} cores ==", flush=True)
    try:
        site.cli("migrate", "--noinput", "-v", "0")
        site.cli("shell", "-c", "from danvan.accounts import demo; demo.load()")
        t = time.monotonic()
        scan = long_scan(site.root, args.pages)
        print(
            f"-- one scanned PDF of {args.pages} pages ({scan.stat().st_size / 2**20:.1f} MiB, "
            f"made in {time.monotonic() - t:.0f} s)",
            flush=True,
        )
        for name in args.runs.split(","):
            if name == "split1":
                run(site, scan, args.pages, 1, args.split)
            elif name == "split2":
                run(site, scan, args.pages, 2, args.split)
            elif name == "whole":
                run(site, scan, args.pages, 1, 0)
    finally:
        site.drop()
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
