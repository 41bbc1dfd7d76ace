"""Running a piece of Python in a new interpreter, for operations measured in their own process.

A new process is what a cold start is, and it is the only way to read one operation's peak
resident memory (an import's 400 MB goal) apart from everything else the benchmark run holds.
"""

from __future__ import annotations

import os
import subprocess
import sys
import tempfile
from pathlib import Path

REPO = Path(__file__).resolve().parent.parent


def run_python(script: str, *args: str) -> tuple[str, int | None]:
    """Run `script` with `args` in a new interpreter; its output, and its peak RSS in bytes.

    The child is reaped with os.wait4 where there is one (not on Windows), which gives its peak
    resident set; Qt runs offscreen and the repository is on the import path.
    """
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "PYTHONPATH": str(REPO)}
    with tempfile.TemporaryFile("w+", encoding="utf-8") as out:
        child = subprocess.Popen(
            [sys.executable, "-c", script, *args],
            cwd=REPO,
            env=env,
            stdout=out,
            stderr=subprocess.STDOUT,
            text=True,
        )
        peak_rss = None
        if hasattr(os, "wait4"):
            _, status, usage = os.wait4(child.pid, 0)
            child.returncode = os.waitstatus_to_exitcode(status)
            # ru_maxrss is in KiB on Linux and in bytes on macOS.
            peak_rss = usage.ru_maxrss * (1 if sys.platform == "darwin" else 1024)
        else:
            child.wait(timeout=300)
        out.seek(0)
        text = out.read()
    if child.returncode != 0:
        raise RuntimeError(f"the process failed (exit {child.returncode}):\n{text}")
    return text, peak_rss


def reported(text: str, tag: str) -> str:
    """The value the child printed on its line starting with `tag` (the first such line)."""
    for line in text.splitlines():
        if line.startswith(tag + " "):
            return line.split(maxsplit=1)[1]
    raise RuntimeError(f"the process never printed {tag}:\n{text}")
