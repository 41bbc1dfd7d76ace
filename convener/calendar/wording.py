"""What an invitation says in words: subject, description and the e-mail bodies.

Every piece of user text passes through `text.clean` once, here, before any builder sees it.
"""

from __future__ import annotations

import html
from dataclasses import dataclass
from datetime import datetime

from convener.calendar.text import clean
from convener.domain import Roundtable
from convener.timezones import local


@dataclass(frozen=True, slots=True)
class Wording:
    """The cleaned text of one roundtable's invitation."""

    title: str
    description: str
    location: str
    online_url: str
    when: str  # the local date and time, for people reading the e-mail


# Spelt out rather than strftime's %A and %B: in the desktop app Qt sets the C library's
# locale to the user's, and an invitation must read the same whichever program wrote it.
_DAYS = ("Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday")
_MONTHS = (
    "January", "February", "March", "April", "May", "June",
    "July", "August", "September", "October", "November", "December",
)  # fmt: skip


def _day(moment: datetime) -> str:
    return f"{_DAYS[moment.weekday()]} {moment.day} {_MONTHS[moment.month - 1]} {moment.year}"


def when_text(roundtable: Roundtable) -> str:
    start = local(roundtable.starts_at, roundtable.tz)
    end = local(roundtable.ends_at, roundtable.tz)
    if start.date() == end.date():
        return f"{_day(start)}, {start:%H:%M}–{end:%H:%M} ({roundtable.tz})"
    return f"{_day(start)} {start:%H:%M} to {_day(end)} {end:%H:%M} ({roundtable.tz})"


def wording(roundtable: Roundtable) -> Wording:
    title = clean(roundtable.title)
    url = clean(roundtable.online_url)
    parts: list[str] = []
    purpose = clean(roundtable.purpose)
    if purpose:
        parts.append(purpose)
    if roundtable.agenda:
        parts.append(
            "Agenda:\n" + "\n".join(f"- {clean(item.title)}" for item in roundtable.agenda)
        )
    if url:
        # Also in the description: some clients show neither URL nor a link-only LOCATION.
        parts.append(f"Join online: {url}")
    if roundtable.chatham_house:
        parts.append(
            "This roundtable is held under the Chatham House rule: what is said may be used, "
            "but not who said it."
        )
    location = clean(roundtable.location) or url
    return Wording(
        title=title,
        description="\n\n".join(parts),
        location=location,
        online_url=url,
        when=when_text(roundtable),
    )


def subject(kind: str, words: Wording) -> str:
    # A subject is one header line: line breaks in a title become spaces.
    return f"{kind}: {' '.join(words.title.split())} — {words.when}"


def plain_body(greeting_name: str, lead: str, words: Wording) -> str:
    lines = [f"Dear {greeting_name},", "", lead, "", words.title, words.when]
    if words.location:
        lines.append(f"Where: {words.location}")
    if words.description:
        lines += ["", words.description]
    lines += ["", "Please reply using your calendar's Accept, Tentative or Decline buttons."]
    return "\n".join(lines) + "\n"


def html_body(greeting_name: str, lead: str, words: Wording) -> str:
    def para(value: str) -> str:
        return "<p>" + html.escape(value).replace("\n", "<br>\n") + "</p>"

    pieces = [
        para(f"Dear {greeting_name},"),
        para(lead),
        f"<h2>{html.escape(words.title)}</h2>",
        para(words.when),
    ]
    if words.location:
        pieces.append(para(f"Where: {words.location}"))
    if words.online_url.lower().startswith(("https://", "http://")):
        safe = html.escape(words.online_url, quote=True)
        pieces.append(f'<p><a href="{safe}">Join online</a></p>')
    if words.description:
        pieces.append(para(words.description))
    pieces.append(para("Please reply using your calendar's Accept, Tentative or Decline buttons."))
    body = "\n".join(pieces)
    return (
        # A title and a language: screen readers announce both when the message is opened.
        '<!DOCTYPE html>\n<html lang="en-GB"><head><meta charset="utf-8">'
        f"<title>{html.escape(' '.join(words.title.split()))}</title></head>\n"
        f"<body>\n{body}\n</body></html>\n"
    )
