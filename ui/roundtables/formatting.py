"""How money, dates and outcomes are written on screen."""

from __future__ import annotations

from datetime import datetime

from convener.principles import Outcome
from convener.timezones import local


def pounds(pence: int | None) -> str:
    return "" if pence is None else f"£{pence / 100:,.2f}"


def parse_pounds(text: str) -> int | None:
    """'£1,250.50' → 125050; empty → None. Raises ValueError on anything else."""
    cleaned = text.strip().replace("£", "").replace(",", "")
    if not cleaned:
        return None
    return round(float(cleaned) * 100)


def when(moment: datetime, tz: str) -> str:
    shown = local(moment, tz)
    return f"{shown:%a %d %b %Y %H:%M} {tz}"


OUTCOME_WORDS = {Outcome.PASS: "Pass", Outcome.WARN: "Warning", Outcome.FAIL: "Fail"}
