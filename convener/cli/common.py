"""Options and helpers every command shares."""

from __future__ import annotations

import argparse
import json
import sys
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

from convener.paths import resolve_database_path
from convener.storage import Store
from convener.storage.errors import friendly_errors


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
    json.dump(document, sys.stdout, ensure_ascii=False, indent=2)
    sys.stdout.write("\n")
