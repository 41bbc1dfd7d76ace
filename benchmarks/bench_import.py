"""Import of 100k generated CSV rows: median time and peak memory, against a plain csv read.

    python benchmarks/bench_import.py [--rows 100000] [--runs 3]

Each run imports into a fresh database in its own process, so the peak resident memory it
reports (ru_maxrss) belongs to that import alone. The floor is the same file read with the
csv module and nothing else, measured in the same process; the ratio says what checking,
matching and writing cost on top of reading. Goal: 100k rows in at most 15 s and 400 MB.
"""

from __future__ import annotations

import argparse
import csv
import json
import random
import resource
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

SECTORS = ["Charities and NGOs", "Local authorities", "Research and academia", "Health", ""]
THEMES = ["Prevention", "International", "Research and data", ""]
FIRST = ["José", "Ann", "Priya", "Kofi", "Zoë", "Łukasz", "Siobhán", "Amara", "Mei", "Omar"]
LAST = ["Müller", "Lee", "Shah", "Boateng", "Ødegård", "Nowak", "Ní Bhriain", "Okafor", "Chen"]


def generate(path: Path, rows: int, *, seed: int = 7, prefix: str = "person") -> None:
    rng = random.Random(seed)
    with path.open("w", encoding="utf-8", newline="") as handle:
        writer = csv.writer(handle)
        writer.writerow(["Name", "Email", "Organisation", "Job title", "Sector", "Themes", "Notes"])
        for i in range(rows):
            writer.writerow(
                [
                    f"{rng.choice(FIRST)} {rng.choice(LAST)} {i}",
                    f"{prefix}{i}@example.org",
                    f"Organisation {rng.randrange(2000)}",
                    "Policy lead",
                    rng.choice(SECTORS),
                    rng.choice(THEMES),
                    "Met at the 2025 roundtable on supply chains",
                ]
            )


def plain_read(path: Path) -> float:
    start = time.perf_counter()
    with path.open(encoding="utf-8", newline="") as handle:
        for _ in csv.reader(handle, strict=True):
            pass
    return time.perf_counter() - start


def child(db: Path, source_path: Path, existing: Path | None) -> None:
    from convener.importing import choose_mapping, open_source, run_import
    from convener.storage import Store

    with Store.open(db) as store:
        if existing is not None:  # the directory already holds people: matching has work to do
            known = open_source(existing)
            run_import(store, known, choose_mapping(store, known.headers).mapping)
        start = time.perf_counter()
        source = open_source(source_path)
        summary = run_import(store, source, choose_mapping(store, source.headers).mapping)
        elapsed = time.perf_counter() - start
    peak_kb = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss  # kilobytes on Linux
    print(
        json.dumps(
            {
                "seconds": elapsed,
                "peak_mb": peak_kb / 1024,
                "imported": summary.created + summary.skipped,
                "matched": len(summary.duplicates),
            }
        )
    )


def main() -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rows", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument(
        "--existing", type=int, default=0, help="people already in the directory (default 0)"
    )
    parser.add_argument("--child", nargs="+", metavar="PATH", help=argparse.SUPPRESS)
    args = parser.parse_args()
    if args.child:
        child(
            Path(args.child[0]), Path(args.child[1]), *[Path(p) for p in args.child[2:]] or [None]
        )
        return 0
    with tempfile.TemporaryDirectory() as folder:
        source = Path(folder) / "people.csv"
        generate(source, args.rows)
        known: list[str] = []
        if args.existing:
            known_path = Path(folder) / "known.csv"
            generate(known_path, args.existing, seed=11, prefix="known")
            known = [str(known_path)]
        size_mb = source.stat().st_size / 1e6
        floors, results = [], []
        for run in range(args.runs):
            floors.append(plain_read(source))
            db = Path(folder) / f"run{run}.db"
            done = subprocess.run(
                [sys.executable, __file__, "--child", str(db), str(source), *known],
                check=True,
                capture_output=True,
                text=True,
            )
            results.append(json.loads(done.stdout))
            assert results[-1]["imported"] == args.rows, results[-1]
        seconds = statistics.median(r["seconds"] for r in results)
        floor = statistics.median(floors)
        peak = max(r["peak_mb"] for r in results)
    print(
        f"rows: {args.rows:,} ({size_mb:.1f} MB of CSV) into a directory of "
        f"{args.existing:,}, runs: {args.runs}"
    )
    print(f"import, median:        {seconds:8.2f} s   (goal <= 15 s)")
    print(f"plain csv read, median:{floor:8.2f} s")
    print(f"ratio import / read:   {seconds / floor:8.1f} x")
    print(f"peak memory (RSS):     {peak:8.0f} MB  (goal <= 400 MB)")
    print(f"rows matched to someone already known (skipped): {results[-1]['matched']:,}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
