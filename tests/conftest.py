"""Shared fixtures: every test gets its own real SQLite file in a temporary folder."""

from __future__ import annotations

import os
import subprocess
import sys
from collections.abc import Callable, Iterator
from dataclasses import dataclass
from pathlib import Path

import pytest

from convener.storage import Store


@pytest.fixture
def db_path(tmp_path: Path) -> Path:
    return tmp_path / "convener.db"


@pytest.fixture
def store(db_path: Path) -> Iterator[Store]:
    with Store.open(db_path) as opened:
        yield opened


@pytest.fixture
def demo_store(store: Store) -> Store:
    """A store with the shipped demo data set loaded."""
    from convener.demo import load_demo

    load_demo(store)
    return store


REPO_ROOT = Path(__file__).resolve().parent.parent


@dataclass
class CliResult:
    code: int
    out: str
    err: str


@pytest.fixture
def cli(db_path: Path) -> Callable[..., CliResult]:
    """Run the real `convener` command in a subprocess against the test's database.

    The database exists (empty, at the latest schema) before the first command, as after
    `convener init`: only `init` creates one.
    """
    if not db_path.exists():
        Store.open(db_path).close()

    def run(*args: str, db: Path | None = db_path, check: bool = False) -> CliResult:
        env = {**os.environ, "PYTHONPATH": str(REPO_ROOT), "PYTHONIOENCODING": "utf-8"}
        env.pop("CONVENER_DB", None)
        prefix = ["--db", str(db)] if db is not None else []
        done = subprocess.run(
            [sys.executable, "-m", "convener", *prefix, *args],
            check=False,
            capture_output=True,
            text=True,
            encoding="utf-8",
            env=env,
            cwd=REPO_ROOT,
            timeout=120,
        )
        result = CliResult(done.returncode, done.stdout, done.stderr)
        if check and result.code != 0:
            raise AssertionError(f"convener {' '.join(args)} failed: {result.err}")
        return result

    return run
