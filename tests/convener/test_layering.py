"""The layering is enforced by a tool, and the tool really catches a forbidden import."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
LINT_IMPORTS = Path(sys.executable).with_name("lint-imports")


def _lint(tree: Path) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(tree)}
    return subprocess.run(
        [str(LINT_IMPORTS), "--no-cache"],
        cwd=tree,
        env=env,
        capture_output=True,
        text=True,
        check=False,
        timeout=300,
    )


@pytest.fixture
def tree(tmp_path: Path) -> Path:
    for package in ("convener", "ui"):
        shutil.copytree(
            ROOT / package, tmp_path / package, ignore=shutil.ignore_patterns("__pycache__")
        )
    shutil.copy(ROOT / "pyproject.toml", tmp_path / "pyproject.toml")
    return tmp_path


def test_current_tree_keeps_the_contracts(tree: Path) -> None:
    result = _lint(tree)
    assert result.returncode == 0, result.stdout + result.stderr


@pytest.mark.parametrize(
    "forbidden", ["from PySide6.QtCore import QObject", "import ui.app", "from ui import tasks"]
)
def test_core_importing_qt_or_ui_breaks_the_check(tree: Path, forbidden: str) -> None:
    (tree / "convener" / "sneaky.py").write_text(f"{forbidden}\n")
    result = _lint(tree)
    assert result.returncode != 0
    assert "BROKEN" in result.stdout


def test_sql_outside_storage_breaks_the_check(tree: Path) -> None:
    (tree / "convener" / "privacy.py").write_text(
        (tree / "convener" / "privacy.py").read_text() + "\nimport sqlite3\n"
    )
    result = _lint(tree)
    assert result.returncode != 0
    assert "SQL lives in storage" in result.stdout
