"""Convener: the core of the roundtable planner. No Qt here; the desktop app lives in `ui`."""

__version__ = "0.1.0"
