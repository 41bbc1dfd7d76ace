"""Where shipped non-code files live (demo data, fonts, report styles)."""

from __future__ import annotations

from pathlib import Path

# The project runs from its source tree (the setup installs it in editable mode), so the
# top-level resources/ folder sits beside the package.
RESOURCES = Path(__file__).resolve().parent.parent / "resources"


def resource(*parts: str) -> Path:
    return RESOURCES.joinpath(*parts)
