"""Every command's --help says what it does, and every option what it is for."""

from __future__ import annotations

import argparse

from convener.cli import build_parser


def _walk(parser: argparse.ArgumentParser, path: str, missing: list[str]) -> None:
    for action in parser._actions:
        if isinstance(action, argparse._SubParsersAction):
            for name, sub in action.choices.items():
                if not sub.description:
                    missing.append(f"{path} {name}: no description")
                _walk(sub, f"{path} {name}", missing)
        elif not action.help:
            missing.append(f"{path}: {'/'.join(action.option_strings) or action.dest}")


def test_every_subcommand_and_option_has_help_text() -> None:
    missing: list[str] = []
    _walk(build_parser(), "convener", missing)
    assert missing == []
