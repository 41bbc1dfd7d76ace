"""The HTML twins pass axe-core (WCAG 2.2 A and AA, and its best practices, in Chromium) and
the Nu HTML checker with no finding at all.

Every kind of report is written once for the module, from the demo data and a roundtable
with nobody in it: public and internal summaries, one of a roundtable not yet held, the
names in every script, and the consolidated report. One browser and one Java run check them
all. Chromium and Java come from Debian and the checkers from npm (scripts/check installs
them); a missing one fails the test saying what to install.
"""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from convener.demo import load_demo
from convener.privacy import Audience
from convener.reports import write_report, write_theme_report
from convener.storage import Store
from tests.convener.reports.world import roundtable

REPO_ROOT = Path(__file__).resolve().parents[3]
AXE_SCRIPT = REPO_ROOT / "tests" / "html_checks" / "axe.mjs"
VNU_JAR = REPO_ROOT / "node_modules" / "vnu-jar" / "build" / "dist" / "vnu.jar"


def _tool(name: str, package: str) -> str:
    found = shutil.which(name)
    assert found, f"{name} is not installed (apt-get install {package}, or run scripts/check)"
    return found


@pytest.fixture(scope="module")
def pages(tmp_path_factory: pytest.TempPathFactory) -> list[Path]:
    folder = tmp_path_factory.mktemp("html-twins")
    written = []
    with Store.open(folder / "demo.db") as store:
        load_demo(store)
        for rid in (1, 2, 3):
            written.append(write_report(store, rid, folder / f"public-{rid}.pdf"))
        for rid in (3, 5):  # every script; not yet held
            written.append(
                write_report(store, rid, folder / f"internal-{rid}.pdf", Audience.INTERNAL)
            )
        written.append(write_theme_report(store, "Research and data", folder / "theme.pdf"))
        empty = roundtable(store, "Nobody came")
        written.append(write_report(store, empty, folder / "empty.pdf", Audience.INTERNAL))
        written.append(write_report(store, empty, folder / "empty-public.pdf"))
    return [report.html for report in written]


def test_axe_core_finds_no_violation(pages: list[Path]) -> None:
    _tool("chromium", "chromium")
    node = _tool("node", "nodejs")
    done = subprocess.run(
        [node, str(AXE_SCRIPT)],
        input=json.dumps([str(p) for p in pages]),
        capture_output=True,
        text=True,
        cwd=REPO_ROOT,
        timeout=120,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    violations = {path: found for path, found in json.loads(done.stdout).items() if found}
    assert violations == {}
    assert len(json.loads(done.stdout)) == len(pages)


def test_the_nu_html_checker_finds_nothing(pages: list[Path]) -> None:
    java = _tool("java", "default-jre-headless")
    assert VNU_JAR.is_file(), "node_modules/vnu-jar is missing: run scripts/check (npm ci) first"
    done = subprocess.run(
        [java, "-jar", str(VNU_JAR), "--format", "json", *map(str, pages)],
        capture_output=True,
        text=True,
        timeout=120,
        check=False,
    )
    # The checker reports on stderr; every message counts, warnings and notes too.
    messages = json.loads(done.stderr or done.stdout)["messages"]
    assert messages == []
    assert done.returncode == 0
