"""A small timing library: repeated runs, median and 95th percentile, peak memory, and a floor.

Every operation is timed beside its **floor**: the least work any implementation of it has to
do, measured in the same run on the same data (the bare FTS5 MATCH for a search, bare reportlab
building the same flowables for a report, bare icalendar serialisation for invitations, a plain
`csv` read for an import). The ratio to the floor says how much our own code adds, and it is
much less sensitive to a busy machine than the absolute figure.

Adding a benchmark
------------------
Write `benchmarks/bench_<area>.py`; `python -m benchmarks.run` imports every such module, and
importing it registers its benchmarks::

    from benchmarks.harness import Context, Goal, Operation, benchmark

    def bare_icalendar(ctx: Context) -> Operation:
        \"\"\"bare icalendar: 500 VEVENTs serialised\"\"\"      # first line names the floor
        events = ...                                         # untimed preparation
        return lambda: [e.to_ical() for e in events]        # the timed call

    @benchmark("500 invitations", floor=bare_icalendar, goal=Goal(median=1.0))
    def export_invitations(ctx: Context) -> Operation:
        path = ctx.scratch_copy()                # a private copy when the operation writes
        ...                                      # untimed preparation
        def run() -> None:
            write_invitations(...)
        return run

A setup function receives a `Context` (the size, the generated database, an open read-only
`Store` shared by the benchmarks of that size, temporary folders) and returns the operation to
time: a callable with no arguments, called `warmup` times untimed and then `repeats` times
timed, alternating with the floor so that a noisy neighbour slows both alike. An operation that
cycles through inputs (successive keystrokes) keeps its own counter; the floor cycles through
the same inputs. An operation that measures itself (a subprocess reporting when its window had
rows) returns a `Measured` with the seconds, and the peak RSS of the process when it has one.
Cleanups registered with `ctx.on_cleanup` run after the benchmark.

Peak memory is reported in one of two ways, and the table says which:
- **py**: the peak of Python allocations during one extra, untimed call under `tracemalloc`.
  It does not see SQLite's page cache, Qt, or other C allocations.
- **RSS**: the peak resident set of a child process (from `os.wait4`), for operations that
  run in their own process; it includes the interpreter and every import.
"""

from __future__ import annotations

import gc
import statistics
import tempfile
import time
import tracemalloc
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from benchmarks.generate import Dataset
from convener.storage import Store


@dataclass(frozen=True, slots=True)
class Measured:
    """What an operation that measures itself reports instead of its wall time."""

    seconds: float
    peak_rss: int | None = None  # bytes


Operation = Callable[[], Any]


@dataclass
class Context:
    """What a benchmark's setup gets: the data of one size and places to work."""

    size: str
    dataset: Dataset
    store: Store  # shared and read-only: write to a scratch_copy() instead
    work_dir: Path
    _cleanups: list[Callable[[], object]] = field(default_factory=list)

    def scratch_copy(self) -> Path:
        """A private copy of the generated database, for operations that change data."""
        target = Path(tempfile.mkdtemp(dir=self.work_dir)) / "convener.db"
        self.store.db.execute("VACUUM INTO ?", [str(target)])
        return target

    def on_cleanup(self, fn: Callable[[], object]) -> None:
        self._cleanups.append(fn)

    def cleanup(self) -> None:
        while self._cleanups:
            self._cleanups.pop()()


Setup = Callable[[Context], Operation]


@dataclass(frozen=True, slots=True)
class Goal:
    """A target from the issue; None means "no target for this figure"."""

    p95: float | None = None  # seconds
    median: float | None = None  # seconds
    ratio: float | None = None  # median / floor median
    memory: int | None = None  # bytes
    sizes: frozenset[str] | None = None  # the sizes the goal applies to; None: all

    def misses(self, result: Result) -> list[str]:
        if self.sizes is not None and result.size not in self.sizes:
            return []
        missed = []
        if self.p95 is not None and result.p95 > self.p95:
            missed.append(f"p95 > {_duration(self.p95)}")
        if self.median is not None and result.median > self.median:
            missed.append(f"median > {_duration(self.median)}")
        if self.ratio is not None and result.ratio is not None and result.ratio > self.ratio:
            missed.append(f"ratio > {self.ratio:g}×")
        if self.memory is not None and result.peak_memory and result.peak_memory > self.memory:
            missed.append(f"memory > {_memory(self.memory)}")
        return missed

    def describe(self) -> str:
        parts = []
        if self.p95 is not None:
            parts.append(f"p95 ≤ {_duration(self.p95)}")
        if self.median is not None:
            parts.append(f"≤ {_duration(self.median)}")
        if self.ratio is not None:
            parts.append(f"≤ {self.ratio:g}× floor")
        if self.memory is not None:
            parts.append(f"≤ {_memory(self.memory)}")
        if self.sizes is not None:
            parts.append("at " + "/".join(sorted(self.sizes)))
        return ", ".join(parts)


@dataclass(frozen=True, slots=True)
class Benchmark:
    name: str
    setup: Setup
    floor: Setup | None
    goal: Goal | None
    repeats: int
    warmup: int
    memory_runs: int
    sizes: frozenset[str] | None

    @property
    def floor_name(self) -> str:
        if self.floor is None:
            return "—"
        doc = (self.floor.__doc__ or self.floor.__name__).strip()
        return doc.splitlines()[0]


@dataclass(frozen=True, slots=True)
class Result:
    name: str
    size: str
    samples: tuple[float, ...]
    floor_name: str
    floor_samples: tuple[float, ...]
    peak_memory: int | None  # bytes
    memory_kind: str  # "py", "RSS", or "" when not measured
    goal: Goal | None

    @property
    def median(self) -> float:
        return statistics.median(self.samples)

    @property
    def p95(self) -> float:
        return percentile(self.samples, 95)

    @property
    def floor_median(self) -> float | None:
        return statistics.median(self.floor_samples) if self.floor_samples else None

    @property
    def ratio(self) -> float | None:
        floor = self.floor_median
        return self.median / floor if floor else None

    def verdict(self) -> str:
        if self.goal is None:
            return ""
        if self.goal.sizes is not None and self.size not in self.goal.sizes:
            return ""
        missed = self.goal.misses(self)
        return "missed: " + ", ".join(missed) if missed else "met"


class Registry:
    """The benchmarks known to this run, in the order they were registered."""

    def __init__(self) -> None:
        self._benchmarks: dict[str, Benchmark] = {}

    def benchmark(
        self,
        name: str,
        *,
        floor: Setup | None = None,
        goal: Goal | None = None,
        repeats: int = 20,
        warmup: int = 2,
        memory_runs: int = 1,
        sizes: frozenset[str] | None = None,
    ) -> Callable[[Setup], Setup]:
        """Register the decorated setup function as the benchmark `name`."""

        def register(setup: Setup) -> Setup:
            if name in self._benchmarks:
                raise ValueError(f"two benchmarks are called {name!r}")
            self._benchmarks[name] = Benchmark(
                name, setup, floor, goal, repeats, warmup, memory_runs, sizes
            )
            return setup

        return register

    def all(self) -> list[Benchmark]:
        return list(self._benchmarks.values())


registry = Registry()
benchmark = registry.benchmark


def percentile(samples: tuple[float, ...] | list[float], pct: float) -> float:
    """The pct-th percentile, interpolated between the closest ranks (numpy's default)."""
    ordered = sorted(samples)
    if len(ordered) == 1:
        return ordered[0]
    rank = (len(ordered) - 1) * pct / 100
    low = int(rank)
    high = min(low + 1, len(ordered) - 1)
    return ordered[low] + (ordered[high] - ordered[low]) * (rank - low)


def _call(operation: Operation) -> tuple[float, Measured | None]:
    started = time.perf_counter()
    outcome = operation()
    elapsed = time.perf_counter() - started
    if isinstance(outcome, Measured):
        return outcome.seconds, outcome
    return elapsed, None


def run_benchmark(
    bench: Benchmark,
    ctx: Context,
    *,
    repeats: int | None = None,
    warmup: int | None = None,
) -> Result:
    """Warm up, then time the operation and its floor alternately; then measure memory."""
    repeats = bench.repeats if repeats is None else repeats
    warmup = bench.warmup if warmup is None else warmup
    try:
        operation = bench.setup(ctx)
        floor = bench.floor(ctx) if bench.floor is not None else None
        for _ in range(warmup):
            operation()
            if floor is not None:
                floor()
        samples: list[float] = []
        floor_samples: list[float] = []
        reports: list[Measured] = []
        gc.collect()
        for _ in range(max(repeats, 1)):
            seconds, report = _call(operation)
            samples.append(seconds)
            if report is not None:
                reports.append(report)
            if floor is not None:
                floor_samples.append(_call(floor)[0])
        memory: int | None
        if reports:  # it measures itself; its memory is what it reported, if anything
            rss = [r.peak_rss for r in reports if r.peak_rss is not None]
            memory, kind = (max(rss), "RSS") if rss else (None, "")
        else:
            memory, kind = _python_peak(operation, bench.memory_runs), "py"
    finally:
        ctx.cleanup()
    return Result(
        bench.name,
        ctx.size,
        tuple(samples),
        bench.floor_name,
        tuple(floor_samples),
        memory,
        kind,
        bench.goal,
    )


def _python_peak(operation: Operation, runs: int) -> int:
    """The largest peak of Python allocations over `runs` untimed calls."""
    gc.collect()
    tracemalloc.start()
    try:
        peak = 0
        for _ in range(max(runs, 1)):
            tracemalloc.reset_peak()
            operation()
            peak = max(peak, tracemalloc.get_traced_memory()[1])
    finally:
        tracemalloc.stop()
    return peak


def _duration(seconds: float) -> str:
    if seconds >= 1:
        return f"{seconds:.2f} s"
    if seconds >= 0.001:
        return f"{seconds * 1000:.1f} ms"
    return f"{seconds * 1_000_000:.0f} µs"


def _memory(amount: int) -> str:
    if amount < 1024 * 1024:
        return f"{amount / 1024:.0f} KiB"
    mib = amount / (1024 * 1024)
    return f"{mib:.1f} MiB" if mib < 100 else f"{mib:.0f} MiB"


COLUMNS = (
    "operation",
    "size",
    "n",
    "median",
    "p95",
    "peak memory",
    "floor",
    "floor median",
    "ratio",
    "goal",
)


def table_row(result: Result) -> tuple[str, ...]:
    floor = result.floor_median
    ratio = result.ratio
    return (
        result.name,
        result.size,
        str(len(result.samples)),
        _duration(result.median),
        _duration(result.p95),
        f"{_memory(result.peak_memory)} {result.memory_kind}" if result.peak_memory else "—",
        result.floor_name,
        _duration(floor) if floor is not None else "—",
        f"{ratio:.2f}×" if ratio is not None else "—",
        result.verdict(),
    )


def markdown_table(results: list[Result]) -> str:
    """The results as a Markdown table, one row per operation and size."""
    rows = [COLUMNS, tuple("---" for _ in COLUMNS)] + [table_row(r) for r in results]
    return "\n".join(
        "| " + " | ".join(cell.replace("|", "\\|") for cell in row) + " |" for row in rows
    )


def goals_legend(benchmarks: list[Benchmark]) -> str:
    lines = [f"- {b.name}: {b.goal.describe()}" for b in benchmarks if b.goal is not None]
    return "Goals:\n" + "\n".join(lines) if lines else ""
