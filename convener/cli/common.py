"""Options and helpers every command shares."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import Any

from convener.paths import resolve_database_path
from convener.storage import Store
from convener.storage.errors import friendly_errors
from convener.validation import check_id


def global_options(*, suppress: bool = True) -> argparse.ArgumentParser:
    """`--db` may come before or after the command name; the later one wins."""
    parent = argparse.ArgumentParser(add_help=False)
    parent.add_argument(
        "--db",
        metavar="PATH",
        default=argparse.SUPPRESS if suppress else None,
        help="database file (default: $CONVENER_DB, else convener.db in your data folder)",
    )
    return parent


def record_id(kind: str) -> Callable[[str], int]:
    """An argparse type for a `kind`'s id: text that is not a number is a usage error; a
    number no database could hold is reported as not found, like any other unknown id."""

    def parse(text: str) -> int:
        return check_id(int(text), kind)

    parse.__name__ = f"{kind} id"  # argparse names the type in its message
    return parse


def whole_number(least: int, most: int) -> Callable[[str], int]:
    """An argparse type for a count between `least` and `most` (a usage error otherwise)."""

    def parse(text: str) -> int:
        value = int(text)
        if not least <= value <= most:
            raise argparse.ArgumentTypeError(f"must be between {least:,} and {most:,}")
        return value

    parse.__name__ = "whole number"
    return parse


def json_option(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--json", action="store_true", help="print one JSON document")


@contextmanager
def open_store(args: argparse.Namespace, *, create: bool = False) -> Iterator[Store]:
    """The store at `--db`; only `init` passes `create`, so a mistyped path is an error."""
    path = resolve_database_path(args.db)
    if create and args.db is None:
        path.parent.mkdir(parents=True, exist_ok=True)
    # SQLite failures a person can act on (full disk, read-only file, lock) become messages.
    with Store.open(path, create=create) as store, friendly_errors(path):
        yield store


def print_json(document: Any) -> None:
    # One write: stdout's terminal filter (cli.terminal) then runs once, not once per token.
    sys.stdout.write(json.dumps(document, ensure_ascii=False, indent=2) + "\n")
