"""What each command and option is for, in `--help`, filled in where a command left it out.

A subcommand's one-line help (shown in its group's list) becomes its own `--help`
description. Options without a help text get one here, by the command they belong to (an
`ID` is a roundtable's in one command and a person's in another) or else by their name.
"""

from __future__ import annotations

import argparse

# (command path, option dest) or option dest alone -> help text.
_BY_COMMAND = {
    ("backup", "file"): "the copy to write",
    ("restore", "file"): "the backup to restore from",
    ("import", "file"): "a CSV (generic, Outlook or Google contacts) or XLSX file",
    ("export", "file"): "the CSV file to write",
    ("consent", "id"): "the stakeholder's id",
    ("subject-access", "id"): "the stakeholder's id",
    ("erase", "id"): "the stakeholder's id",
    ("invites", "id"): "the roundtable's id",
    ("invites", "out"): "the folder to write the .ics and .eml files to",
    ("subject-access", "out"): "the file to write their data to",
    ("report", "out"): "the PDF to write (its HTML twin goes beside it)",
    ("stakeholders", "search"): "text to look for in names, organisations, roles, emails, tags",
    ("stakeholders", "sector"): "only people in this sector",
    ("stakeholders", "lever"): "only people who work through this lever",
    ("stakeholders", "theme"): "only people with this theme",
    ("stakeholders", "jurisdiction"): "only people in this jurisdiction",
    ("roundtable invite", "stakeholder_ids"): "the stakeholders' ids",
    ("roundtable invite", "role"): "their role at the roundtable (participant unless given)",
    ("roundtable suggest", "size"): "how many people to suggest (10 unless given)",
    ("finding retract", "fid"): "the finding's id",
    ("erase", "reason"): "why (kept with the anonymous record of the erasure)",
    ("consent", "note"): "what was agreed, in their words if possible",
    ("replies", "files"): "iTIP REPLY files (.ics or .eml)",
}
_BY_NAME = {
    "id": "the roundtable's id",
    "name": "full name",
    "email": "email address",
    "phone": "phone number",
    "role": "job title or role",
    "organisation": "organisation's name (created if new)",
    "sector": "sector (one of the Settings list)",
    "lever": "a lever they work through; repeat for more",
    "theme": "the main theme",
    "jurisdiction": "jurisdiction (England, Scotland, …)",
    "tag": "a tag; repeat for more",
    "lived_experience": "a lived experience expert (shown only by pseudonym, with consent)",
    "pseudonym": "the name a lived experience expert chose to be known by",
    "intermediary": "the organisation to contact them through",
    "kind": "what the consent is for",
    "given": "consent was given",
    "withdrawn": "consent was withdrawn",
    "title": "the roundtable's title",
    "start": "start, ISO 8601 (e.g. 2027-03-01T10:00; in --tz unless it has an offset)",
    "end": "end, ISO 8601 like --start",
    "location": "where it is held",
    "online_url": "the joining link for online or hybrid roundtables",
    "organiser_name": "the organiser's name, shown to invitees",
    "organiser_email": "the organiser's email, where replies go",
    "capacity": "seats available (chairs, co-designers, speakers and participants)",
    "purpose": "why it is held, in a sentence or two",
    "format": "in person, online or hybrid",
    "chatham_house": "held under the Chatham House rule",
    "no_chatham_house": "contributions may be attributed",
    "text": "the finding, as it should read",
}


def describe(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> None:
    """Fill in descriptions and option help texts down the whole tree of commands."""
    command = " ".join(path)
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            helps = {choice.dest: choice.help for choice in action._choices_actions}
            for name, sub in action.choices.items():
                line = helps.get(name)
                if sub.description is None and line:
                    sub.description = f"{line[0].upper()}{line[1:]}."
                describe(sub, (*path, name))
        elif action.help is None:
            action.help = _BY_COMMAND.get((command, action.dest)) or _BY_NAME.get(action.dest)
