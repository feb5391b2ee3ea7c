"""Issue 22 item 4: ``msgdesk`` builds a subcommand's arguments only when that subcommand is
used (``--help`` builds none), and every help text is the same as a parser built whole."""

from __future__ import annotations

import argparse
import ast
import os
import subprocess
import sys
from pathlib import Path

import pytest

from msgdesk.cli.commands import COMMANDS, CommandEntry
from msgdesk.cli.parser import build_parser

ROOT = Path(__file__).resolve().parents[1]


def _children(parser: argparse.ArgumentParser) -> dict[str, argparse.ArgumentParser]:
    for action in parser._actions:  # argparse keeps its subcommands here; nothing public lists them
        if isinstance(action, argparse._SubParsersAction):
            return dict(action.choices)
    return {}


def _every_help(parser: argparse.ArgumentParser, path: tuple[str, ...] = ()) -> dict[tuple[str, ...], str]:
    texts = {path: parser.format_help()}
    for name, child in _children(parser).items():
        texts.update(_every_help(child, (*path, name)))
    return texts


@pytest.mark.parametrize("columns", ["40", "80", "100", "160"])
def test_every_help_text_is_the_same_as_a_parser_built_whole(monkeypatch, columns):
    monkeypatch.setenv("COLUMNS", columns)
    lazy, eager = _every_help(build_parser()), _every_help(build_parser(eager=True))
    assert lazy == eager
    assert {path[0] for path in lazy if path} == {cmd.name for cmd in COMMANDS}
    assert ("directions", "list") in lazy and ("admin", "grant") in lazy  # the nested actions too


def test_each_command_parses_as_before():
    argv = ["--db", "x.db", "export", "-p", "North", "-r", "2019", "--json", "out.json"]
    assert vars(build_parser().parse_args(argv)) == vars(build_parser(eager=True).parse_args(argv))
    argv = ["directions", "list", "-p", "North", "--as-at", "2026-01-31", "--db", "y.db"]
    assert vars(build_parser().parse_args(argv)) == vars(build_parser(eager=True).parse_args(argv))


@pytest.mark.parametrize("argv", [["--help"], ["list", "--help"], ["export", "--help"]])
def test_help_imports_no_database_library(argv):
    code = ("import sys\nfrom msgdesk.cli.main import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit as e:\n    print('exit', e.code)\n"
            "print(sorted({m.split('.')[0] for m in sys.modules} & {'sqlalchemy', 'alembic'}))")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    assert done.stdout.splitlines()[-2:] == ["exit 0", "[]"], done.stderr


def test_every_table_entry_loads_the_command_it_names():
    # the table keeps names and helps as strings for --help: each must be its module's @command
    for entry in COMMANDS:
        loaded = entry.load()
        assert (loaded.name, loaded.help) == (entry.name, entry.help), entry
    assert len({entry.name for entry in COMMANDS}) == len(COMMANDS)


def test_a_wrong_table_entry_says_which():
    wrong = CommandEntry(COMMANDS[0].name, COMMANDS[0].help, COMMANDS[0].module, "EXIT_OK")
    with pytest.raises(TypeError, match="msgdesk.rounds.cli.EXIT_OK is not a msgdesk command"):
        wrong.load()


@pytest.mark.parametrize("argv, loaded, not_loaded", [
    (["--help"], [], ["msgdesk.rounds.cli", "msgdesk.tracker.cli", "msgdesk.cli.admin", "msgdesk.ui.selfcheck"]),
    (["list", "--help"], ["msgdesk.rounds.cli"],
     ["msgdesk.tracker.cli", "msgdesk.collation.cli", "msgdesk.directions.cli", "msgdesk.contributions.cli",
      "msgdesk.cli.admin", "msgdesk.cli.backup", "msgdesk.ui.selfcheck"]),
    (["directions", "--help"], ["msgdesk.directions.cli"], ["msgdesk.rounds.cli", "msgdesk.collation.cli"]),
])
def test_only_the_chosen_commands_module_loads(argv, loaded, not_loaded):
    code = ("import sys\nfrom msgdesk.cli.main import main\ntry:\n    main(sys.argv[1:])\n"
            "except SystemExit:\n    pass\nprint(sorted(m for m in sys.modules if m.startswith('msgdesk')))")
    done = subprocess.run([sys.executable, "-c", code, *argv], capture_output=True, text=True, timeout=120,
                          env=dict(os.environ, PYTHONPATH=str(ROOT)))
    modules = set(ast.literal_eval(done.stdout.splitlines()[-1]))
    assert set(loaded) <= modules, done.stderr
    assert not set(not_loaded) & modules


@pytest.mark.parametrize("argv, made", [
    (["list"], {"list"}),
    (["--db", "x.db", "export", "-p", "North", "-r", "2019", "--json", "o.json"], {"export"}),
    (["directions", "list", "-p", "North"], {"directions"}),
    ([], set()),
])
def test_only_the_chosen_subcommands_parser_is_made(argv, made):
    parser = build_parser()
    parser.parse_args(argv)
    choices = _children_unmade(parser)
    # dict.items: what is held, without making it (the choices' own items() makes each parser)
    assert {name for name, held in dict.items(choices) if isinstance(held, argparse.ArgumentParser)} == made
    assert set(choices) == {cmd.name for cmd in COMMANDS}


def test_the_top_level_help_makes_no_subcommands_parser(capsys):
    parser = build_parser()
    text = parser.format_help()
    assert all(cmd.help in " ".join(text.split()) for cmd in COMMANDS)
    assert not any(isinstance(held, argparse.ArgumentParser) for held in dict.values(_children_unmade(parser)))


def _children_unmade(parser: argparse.ArgumentParser) -> dict[str, object]:
    for action in parser._actions:  # as _children, without reading the values
        if isinstance(action, argparse._SubParsersAction):
            return action.choices  # type: ignore[return-value]
    return {}
