"""The one benchmark command: build or reuse the data, run every benchmark, print the table.

    python -m benchmarks.run                                # office, large and stress
    scripts/bench                                           # the same, with .venv set up
    python -m benchmarks.run --sizes office --only "search keystroke"
    python -m benchmarks.run --sizes stress --only "search keystroke" --profile
    python -m benchmarks.run --sizes small --repeats 2      # what the test suite runs

Generated databases are cached in `.bench-cache/` (see benchmarks/generate.py). Timings are
wall-clock (`time.perf_counter`); the table's notes say how peak memory was measured.
"""

from __future__ import annotations

import argparse
import importlib
import json
import os
import platform
import sqlite3
import sys
import tempfile
from collections.abc import Sequence
from pathlib import Path
from typing import TextIO

from benchmarks import generate
from benchmarks.harness import (
    Benchmark,
    Context,
    Result,
    goals_legend,
    markdown_table,
    registry,
    run_benchmark,
)
from convener.storage import Store

_PACKAGE_DIR = Path(__file__).resolve().parent


def discover() -> list[Benchmark]:
    """Import every benchmarks/bench_*.py module; importing one registers its benchmarks."""
    for module in sorted(_PACKAGE_DIR.glob("bench_*.py")):
        importlib.import_module(f"benchmarks.{module.stem}")
    return registry.all()


def machine() -> str:
    """One line saying what the figures were measured on."""
    model = platform.processor() or platform.machine()
    try:
        for line in Path("/proc/cpuinfo").read_text().splitlines():
            if line.startswith("model name"):
                model = line.split(":", 1)[1].strip()
                break
    except OSError:
        pass
    memory = ""
    try:
        pages = os.sysconf("SC_PHYS_PAGES") * os.sysconf("SC_PAGE_SIZE")
        memory = f", {pages / 1024**3:.0f} GiB RAM"
    except (ValueError, OSError, AttributeError):
        pass
    return (
        f"{os.cpu_count()} CPUs ({model}){memory}; {platform.system()} {platform.release()}; "
        f"Python {platform.python_version()}; SQLite {sqlite3.sqlite_version}"
    )


def run(
    sizes: Sequence[str],
    *,
    only: Sequence[str] = (),
    repeats: int | None = None,
    warmup: int | None = None,
    seed: int = generate.DEFAULT_SEED,
    cache_dir: Path = generate.DEFAULT_CACHE,
    out: TextIO = sys.stdout,
    profile: bool = False,
) -> list[Result]:
    benchmarks = discover()
    unknown = set(only) - {b.name for b in benchmarks}
    if unknown:
        known = ", ".join(b.name for b in benchmarks)
        raise SystemExit(f"error: unknown benchmark {', '.join(sorted(unknown))}; known: {known}")
    chosen = [b for b in benchmarks if not only or b.name in only]
    print(f"Machine: {machine()}", file=out)
    results: list[Result] = []
    with tempfile.TemporaryDirectory(prefix="convener-bench-") as work:
        for size_name in sizes:
            data = generate.dataset(generate.SIZES[size_name], seed, cache_dir)
            how = "cached" if data.build_seconds is None else f"built in {data.build_seconds:.1f} s"
            print(
                f"Data: {size_name} ({data.size.stakeholders} stakeholders, "
                f"{data.size.roundtables} roundtables, {data.size.findings} findings; {how})",
                file=out,
                flush=True,
            )
            with Store.open(data.path) as store:
                for bench in chosen:
                    if bench.sizes is not None and size_name not in bench.sizes:
                        continue
                    ctx = Context(size_name, data, store, Path(work))
                    if profile:
                        _profile(bench, ctx, out)
                        continue
                    result = run_benchmark(bench, ctx, repeats=repeats, warmup=warmup)
                    results.append(result)
                    print(f"  {bench.name}: done", file=out, flush=True)
    if not profile:
        print(file=out)
        print(markdown_table(results), file=out)
        print(file=out)
        print(goals_legend(chosen), file=out)
        print(
            "\nPeak memory: 'py' is the tracemalloc peak of Python allocations in one extra "
            "call (SQLite and Qt allocate outside it); 'RSS' is the peak resident set of the "
            "child process. Ratio = median / floor median.",
            file=out,
        )
        _print_own_peak(out)
    return results


def _print_own_peak(out: TextIO) -> None:
    try:
        import resource
    except ImportError:  # Windows has no getrusage
        return
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss
    kib = peak / 1024 if sys.platform == "darwin" else peak  # bytes on macOS, KiB on Linux
    print(f"This process peaked at {kib / 1024:.0f} MiB RSS (data generation included).", file=out)


def _profile(bench: Benchmark, ctx: Context, out: TextIO) -> None:
    """Print where the time of a few calls of the operation goes (pyinstrument)."""
    from pyinstrument import Profiler

    try:
        operation = bench.setup(ctx)
        operation()
        profiler = Profiler(interval=0.0005)
        with profiler:
            for _ in range(max(bench.repeats, 1)):
                operation()
        print(f"## {bench.name} at {ctx.size}", file=out)
        print(profiler.output_text(unicode=True, color=False), file=out)
    finally:
        ctx.cleanup()


def _as_json(results: list[Result]) -> str:
    return json.dumps(
        [
            {
                "operation": r.name,
                "size": r.size,
                "samples": r.samples,
                "median": r.median,
                "p95": r.p95,
                "peak_memory": r.peak_memory,
                "memory_kind": r.memory_kind,
                "floor": r.floor_name,
                "floor_samples": r.floor_samples,
                "floor_median": r.floor_median,
                "ratio": r.ratio,
                "verdict": r.verdict(),
            }
            for r in results
        ],
        indent=2,
        ensure_ascii=False,
    )


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(
        prog="python -m benchmarks.run", description=__doc__.splitlines()[0]
    )
    parser.add_argument(
        "--sizes",
        default="office,large,stress",
        help=f"comma-separated, from {', '.join(generate.SIZES)} (default: office,large,stress)",
    )
    parser.add_argument(
        "--only",
        action="append",
        default=[],
        metavar="NAME",
        help="run only this benchmark (repeatable)",
    )
    parser.add_argument("--repeats", type=int, help="timed calls per benchmark (default: its own)")
    parser.add_argument("--warmup", type=int, help="untimed calls first (default: its own)")
    parser.add_argument("--seed", type=int, default=generate.DEFAULT_SEED)
    parser.add_argument("--cache", type=Path, default=generate.DEFAULT_CACHE)
    parser.add_argument("--json", type=Path, help="also write every sample to this JSON file")
    parser.add_argument(
        "--profile",
        action="store_true",
        help="profile the operations with pyinstrument instead of timing them",
    )
    args = parser.parse_args(argv)
    sizes = [s.strip() for s in args.sizes.split(",") if s.strip()]
    bad = [s for s in sizes if s not in generate.SIZES]
    if bad:
        parser.error(f"unknown size {', '.join(bad)}; known: {', '.join(generate.SIZES)}")
    results = run(
        sizes,
        only=args.only,
        repeats=args.repeats,
        warmup=args.warmup,
        seed=args.seed,
        cache_dir=args.cache,
        profile=args.profile,
    )
    if args.json:
        args.json.write_text(_as_json(results), encoding="utf-8")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
