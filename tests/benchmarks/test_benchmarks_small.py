"""The benchmark command end to end at the small size: it runs and reports, nothing is timed.

Timings belong in the benchmark run itself (python -m benchmarks.run), never in a test: this
only proves that every registered benchmark and its floor run on generated data and that the
table comes out.
"""

from __future__ import annotations

import io
import json
from pathlib import Path

from benchmarks import run
from benchmarks.harness import COLUMNS, registry


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
        assert all(s > 0 for s in result.samples)
        assert result.peak_memory is not None and result.peak_memory > 0
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
