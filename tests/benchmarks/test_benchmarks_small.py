"""The benchmark command end to end at the small size: it runs and reports, nothing is timed.

Timings belong in the benchmark run itself (python -m benchmarks.run), never in a test: this
only proves that every registered benchmark and its floor run on generated data and that the
table comes out.
"""

from __future__ import annotations

import io
import json
import os
from pathlib import Path

from benchmarks import generate, run
from benchmarks.harness import COLUMNS, Context, Goal, Result, registry
from convener.directory import add_stakeholder
from convener.domain import StakeholderDraft
from convener.storage import StakeholderFilter, Store


def test_every_benchmark_runs_and_the_table_is_printed(tmp_path: Path) -> None:
    out = io.StringIO()
    results = run.run(["small"], repeats=2, warmup=0, cache_dir=tmp_path, out=out)
    text = out.getvalue()

    names = [b.name for b in registry.all() if b.sizes is None or "small" in b.sizes]
    assert names, "no benchmark registered itself"
    assert [r.name for r in results] == names
    for result in results:
        assert result.size == "small"
        assert len(result.samples) == 2
        if result.memory_kind == "py":
            assert result.peak_memory is not None and result.peak_memory > 0
        else:  # a child process's RSS, read where os.wait4 exists
            assert (result.peak_memory is not None) == hasattr(os, "wait4")
        if result.floor_name != "—":
            assert len(result.floor_samples) == 2
            assert result.ratio is not None

    header = "| " + " | ".join(COLUMNS) + " |"
    assert header in text
    rows = [line for line in text.splitlines() if line.startswith("| ") and "| small |" in line]
    assert [row.split(" | ")[0].removeprefix("| ") for row in rows] == names
    assert "Machine:" in text


def test_json_output_holds_every_sample(tmp_path: Path) -> None:
    target = tmp_path / "results.json"
    code = run.main(
        [
            "--sizes",
            "small",
            "--only",
            "search keystroke",
            "--repeats",
            "3",
            "--warmup",
            "0",
            "--cache",
            str(tmp_path / "cache"),
            "--json",
            str(target),
        ]
    )
    data = json.loads(target.read_text(encoding="utf-8"))
    assert code == 0
    assert [(d["operation"], d["size"], len(d["samples"])) for d in data] == [
        ("search keystroke", "small", 3)
    ]
    assert data[0]["floor"] == "bare FTS5 MATCH (rowids)"


def test_scratch_copy_is_a_private_copy(tmp_path: Path) -> None:
    data = generate.dataset(generate.SIZES["small"], cache_dir=tmp_path / "cache")
    with Store.open(data.path) as store:
        ctx = Context("small", data, store, tmp_path)
        copy = ctx.scratch_copy()
        with Store.open(copy) as private:
            add_stakeholder(private, StakeholderDraft(name="Only In The Copy"))
            assert private.stakeholders.count() == store.stakeholders.count() + 1
        assert store.stakeholders.ids(StakeholderFilter(search="only in the copy")) == []


def _result(size: str, samples: tuple[float, ...], floor: tuple[float, ...], goal: Goal) -> Result:
    return Result("op", size, samples, "floor", floor, 300 * 1024 * 1024, "RSS", goal)


def test_goals_say_what_was_missed() -> None:
    goal = Goal(p95=0.030, ratio=2.0, memory=400 * 1024 * 1024)
    assert _result("stress", (0.010, 0.020), (0.008, 0.012), goal).verdict() == "met"
    missed = _result("stress", (0.010, 0.050), (0.004, 0.005), goal).verdict()
    assert missed == "missed: p95 > 30.0 ms, ratio > 2×"
    only_at_stress = Goal(median=1.0, sizes=frozenset({"stress"}))
    assert _result("office", (5.0,), (), only_at_stress).verdict() == ""
    assert _result("stress", (5.0,), (), only_at_stress).verdict() == "missed: median > 1.00 s"
