"""Hypothesis strategies for what a careless or hostile person can give the command line: one
per kind of option (ids, counts, money, times, zones, web links, free text) and per file type
(reply files, CSV, XLSX). Each mixes random values with the cases that broke it before."""

from __future__ import annotations

import csv
import io
from datetime import datetime
from pathlib import Path
from xml.sax.saxutils import escape

from hypothesis import strategies as st

from tests.convener.xlsx_bombs import HEADER, workbook

# A real argv cannot hold NUL (execve ends the string there); everything else can arrive,
# including bytes that are not UTF-8, which Python hands over as lone surrogates.
NASTY_TEXT = [
    "",
    " ",
    "\x1b[31mred\x1b[0m",
    "line\r\nbreak",
    "over\rwrite",
    "\u202egpj.exe",
    "bad\udcffbyte",
    "=?utf-8?b?DQo=?=",
    "x" * 1_001,
    "-",
    "--",
    "Ada Lovelace",
    "Łucja Wójcik",
    "a" * 20_001,
]
BIG_NUMBERS = [
    "0",
    "1",
    "2",
    "-1",
    str(2**63 - 1),
    str(2**63),
    str(-(2**63) - 1),
    str(2**64),
    "9" * 30,
    "abc",
    "",
    "1.5",
    "0x10",
    "1e3",
    "١",
]

_argv_chars = st.characters(blacklist_characters="\x00")
free_text = st.one_of(st.text(_argv_chars, max_size=40), st.sampled_from(NASTY_TEXT))
ids = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str),
    st.integers(min_value=1, max_value=80).map(str),
    st.sampled_from(BIG_NUMBERS),
)
counts = st.one_of(
    st.integers(min_value=-(2**70), max_value=2**70).map(str), st.sampled_from(BIG_NUMBERS)
)
money = st.one_of(
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.floats().map(str),
    st.sampled_from(["NaN", "Infinity", "-Infinity", "1e30", "£1,500.50", "-5", "0.001", "£"]),
)
times = st.one_of(
    st.datetimes(min_value=datetime(1, 1, 1), max_value=datetime(9999, 12, 31)).map(
        lambda moment: moment.isoformat(timespec="minutes")
    ),
    st.sampled_from(
        [
            "9999-12-31T23:59",
            "0001-01-01T00:00",
            "2026-03-29T01:30",
            "2026-10-25T01:30",
            "2026-02-30T10:00",
            "2026-01-01T10:00+25:00",
            "2026-01-01T10:00Z",
        ]
    ),
    free_text,
)
zones = st.one_of(
    st.sampled_from(
        [
            "Europe/London",
            "UTC",
            "Asia/Kolkata",
            "Nowhere/City",
            "../../etc/passwd",
            "",
            "Europe/London\n",
        ]
    ),
    free_text,
)
urls = st.one_of(
    free_text.map(lambda tail: f"https://meet.example.org/{tail}"),
    st.sampled_from(
        [
            "https://x.org/\r\nX: y",
            "javascript:alert(1)",
            "https://",
            "http://a b",
            "ftp://x.org",
            "https://x.org/" + "a" * 2_100,
        ]
    ),
    free_text,
)
emails = st.one_of(st.emails().map(str), free_text, st.just("a\r\nb@c.org"))
consent_kinds = st.sampled_from(["contact", "named", "quoted", "other", "", "CONTACT"])
finding_kinds = st.sampled_from(["insight", "recommendation", "action", "evidence-gap", "x", ""])


def options(**drawn: str | None) -> list[str]:
    """`--name value` pairs for every option drawn with a value."""
    argv: list[str] = []
    for name, value in drawn.items():
        if value is not None:
            argv += [f"--{name.replace('_', '-')}", value]
    return argv


def maybe(strategy: st.SearchStrategy[str]) -> st.SearchStrategy[str | None]:
    return st.one_of(st.none(), strategy)


# -- files --------------------------------------------------------------------------------

_REPLY = (
    "BEGIN:VCALENDAR\r\nVERSION:2.0\r\nPRODID:-//Fuzz//EN\r\nMETHOD:{method}\r\n"
    "BEGIN:VEVENT\r\nUID:{uid}\r\nSEQUENCE:{sequence}\r\nDTSTAMP:{stamp}\r\n"
    "ORGANIZER:mailto:{organizer}\r\nATTENDEE;PARTSTAT={partstat}:mailto:{attendee}\r\n"
    "END:VEVENT\r\nEND:VCALENDAR\r\n"
)
_ical_value = st.one_of(
    st.text(st.characters(blacklist_categories=("Cs",)), max_size=30),
    st.sampled_from(["abc", str(2**63), "-1", "99991231T235959Z", "2026XX03T0900Z", "0"]),
)


@st.composite
def reply_files(draw: st.DrawFn, uid: str) -> tuple[str, bytes]:
    """(file name, content): a REPLY with fuzzed values, its e-mail form, or random bytes."""
    text = _REPLY.format(
        method=draw(st.sampled_from(["REPLY", "REQUEST", "", "reply"])),
        uid=draw(st.one_of(st.just(uid), _ical_value)),
        sequence=draw(_ical_value),
        stamp=draw(st.one_of(st.just("20260103T090000Z"), _ical_value)),
        organizer=draw(st.sampled_from(["priya.raman@office.example", "x@y.z", ""])),
        partstat=draw(st.sampled_from(["ACCEPTED", "DECLINED", "TENTATIVE", "DELEGATED", "?"])),
        attendee=draw(st.one_of(st.emails().map(str), _ical_value)),
    ).encode("utf-8", "surrogatepass")
    kind = draw(st.sampled_from(["ics", "eml", "bytes"]))
    if kind == "eml":
        sender = draw(st.one_of(st.emails().map(str), _ical_value)).replace("\n", " ")
        head = f"From: {sender}\r\nContent-Type: text/calendar; method=REPLY\r\n\r\n"
        return "reply.eml", head.encode("utf-8", "surrogatepass") + text
    if kind == "bytes":
        return draw(st.sampled_from(["r.ics", "r.eml"])), draw(st.binary(max_size=300))
    return "reply.ics", text


_cell = st.one_of(
    st.text(st.characters(blacklist_characters="\x00"), max_size=20),
    st.sampled_from([*NASTY_TEXT[:10], "=cmd|' /C calc'!A0", "yes", "no", "Influencing;Convening"]),
)
_headers = st.lists(
    st.sampled_from(["Name", "Email", "Organisation", "Sector", "Lived experience", "Levers",
                     "Themes", "Notes", "First Name", "Last Name", "E-mail 1 - Value", ""]),
    min_size=1, max_size=6,
)  # fmt: skip


@st.composite
def csv_files(draw: st.DrawFn) -> bytes:
    """A contacts CSV with fuzzed cells, in one of the encodings, or damaged bytes."""
    headers = draw(_headers)
    rows = draw(st.lists(st.lists(_cell, min_size=0, max_size=len(headers) + 1), max_size=6))
    out = io.StringIO()
    writer = csv.writer(out, delimiter=draw(st.sampled_from([",", ";", "\t"])))
    writer.writerow(headers)
    writer.writerows(rows)
    text = out.getvalue().replace("\udcff", "?")
    data = text.encode(draw(st.sampled_from(["utf-8", "utf-8-sig"])), "surrogatepass")
    damage = draw(st.sampled_from(["none", "nul", "cut", "latin", "random"]))
    if damage == "nul":
        at = draw(st.integers(min_value=0, max_value=len(data)))
        data = data[:at] + b"\x00" + data[at:]
    elif damage == "cut":
        data = data[: draw(st.integers(min_value=0, max_value=len(data)))]
    elif damage == "latin":
        data += b"\xe9\x80\xff"
    elif damage == "random":
        data = draw(st.binary(max_size=200))
    return data


@st.composite
def xlsx_files(draw: st.DrawFn, folder: Path) -> Path:
    """A workbook with fuzzed cells and a fuzzed declared dimension, or bytes behind PK."""
    path = folder / "fuzz.xlsx"
    if draw(st.booleans()):
        path.write_bytes(b"PK\x03\x04" + draw(st.binary(max_size=200)))
        return path
    cells = draw(st.lists(st.lists(_cell, max_size=3), max_size=5))
    rows = [HEADER]
    for number, row in enumerate(cells, start=2):
        xml = "".join(
            f'<c r="{"ABC"[i]}{number}" t="inlineStr"><is><t>{_xml_text(v)}</t></is></c>'
            for i, v in enumerate(row)
        )
        rows.append(f'<row r="{number}">{xml}</row>')
    dimension = draw(st.sampled_from(["A1:B2", "A1:XFD1048576", "", "ZZZ", "A1"]))
    return workbook(path, rows, dimension=dimension)


def _xml_text(value: str) -> str:
    """Cell text as XML allows it (no C0 controls but tab and line breaks, no surrogates)."""
    kept = "".join(
        ch for ch in value if ch in "\t\n\r" or (ch >= " " and not "\ud800" <= ch <= "\udfff")
    )
    return escape(kept)
