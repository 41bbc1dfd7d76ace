"""The `convener` command: thin, parses arguments, calls the core, prints.

Each command group lives in its own module and registers its subcommands on the shared
parser; `main` turns user errors into `error: ...` on stderr and exit status 1.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Sequence

from convener import __version__
from convener.cli import (
    calendar,
    directory,
    findings,
    maintenance,
    privacy,
    reports,
    roundtables,
    transfer,
)
from convener.cli.common import global_options
from convener.cli.help_texts import describe
from convener.errors import ConvenerError

_GROUPS = (maintenance, directory, transfer, roundtables, calendar, findings, reports, privacy)


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="convener",
        description="Plan roundtables for an anti-slavery commissioner's office.",
        parents=[global_options(suppress=False)],
    )
    parser.add_argument("--version", action="version", version=f"convener {__version__}")
    commands = parser.add_subparsers(dest="command", metavar="COMMAND")
    for group in _GROUPS:
        group.register(commands)
    describe(parser)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    args = parser.parse_args(argv)
    if args.command is None:
        args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
    try:
        return int(args.run(args) or 0)
    except ConvenerError as exc:
        print(f"error: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`convener stakeholders | head`): not an error of ours. Point
        # stdout at nothing so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
        return 0
