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
from convener.cli.terminal import SafeOutput, error_line, for_terminal, not_text
from convener.errors import ConvenerError, ValidationError

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


def _check_text_arguments(args: argparse.Namespace) -> None:
    """Text options must be text: an argument with bytes that are not UTF-8 is refused by name
    (a file or folder path may hold any bytes, and arrives as a Path)."""
    for name, value in vars(args).items():
        if not_text(value):
            option = name.replace("_", "-")
            raise ValidationError(
                f"the value given for {option} is not valid UTF-8 text: "
                f"'{for_terminal(value if isinstance(value, str) else ' '.join(value))}'",
                name,
            )


def main(argv: Sequence[str] | None = None) -> int:
    parser = build_parser()
    stdout = sys.stdout
    # Everything a command prints goes through the terminal filter (see cli.terminal).
    sys.stdout = SafeOutput(stdout)
    try:
        # Inside the try: an id no database could hold is reported while parsing, as unknown.
        args = parser.parse_args(argv)
        if args.command is None:
            args = parser.parse_args([*(argv or sys.argv[1:]), "gui"])
        _check_text_arguments(args)
        return int(args.run(args) or 0)
    except ConvenerError as exc:
        print(f"error: {error_line(str(exc))}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        print("error: interrupted", file=sys.stderr)
        return 130
    except BrokenPipeError:
        # The reader went away (`convener stakeholders | head`): not an error of ours. Point
        # stdout at nothing so the interpreter's final flush does not fail again.
        os.dup2(os.open(os.devnull, os.O_WRONLY), stdout.fileno())
        return 0
    finally:
        sys.stdout = stdout
