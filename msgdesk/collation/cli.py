"""The national picture on the command line: ``msgdesk collate`` and ``msgdesk group``.

    msgdesk collate --round 2021 [--previous 2019] [--partnerships NAME ... | --group NAME]
                    [--as-at YYYY-MM-DD] [--xlsx OUT] [--pdf OUT]
    msgdesk group set NAME --partnerships NAME ...      create a comparator group, or change its members
    msgdesk group list                                  every group with its members
    msgdesk group delete NAME

A partnership may be named by part of its name ("Orkney") when only one name contains it.
"""

from __future__ import annotations

import argparse

from msgdesk.cli.base import DATE_METAVAR, EXIT_OK, command, date_argument, db_option, workspace_for


def _collate_arguments(parser: argparse.ArgumentParser) -> None:
    parser.add_argument("--round", "-r", required=True, help="the round to collate, e.g. 2021")
    parser.add_argument("--previous", metavar="ROUND", help="compare with this earlier round, e.g. 2019")
    scope = parser.add_mutually_exclusive_group()
    scope.add_argument("--partnerships", nargs="+", metavar="NAME",
                       help="only these partnerships (default: every one msgdesk holds)")
    scope.add_argument("--group", metavar="NAME", help="only the partnerships of this comparator group")
    parser.add_argument("--as-at", type=date_argument, metavar=DATE_METAVAR,
                        help="count each return's actions as at this date: overdue, completed, on track")
    parser.add_argument("--xlsx", metavar="OUT", help="write the collation workbook (Excel)")
    parser.add_argument("--pdf", metavar="OUT", help="write the collation report (PDF)")


@command("collate", "collate partnerships' returns for a round: heat map, distribution, changes (PDF, Excel)",
         _collate_arguments)
def run_collate(args: argparse.Namespace) -> int:
    # loaded when the command runs, so --help and --version stay fast
    from msgdesk.collation.collate import collation_for

    with workspace_for(args, reads_only=True) as workspace:
        collation = collation_for(workspace, args.round, args.previous, partnerships=args.partnerships,
                                  group=args.group, as_at=args.as_at)
    print(f"Round {collation.round_label}, {collation.scope_text}: "
          f"{len(collation.with_return)} of {len(collation.partnerships)} have a return.")
    if collation.no_return:
        print(f"No return: {'; '.join(collation.no_return)}.")
    if args.xlsx:
        # loaded when the command runs, so --help and --version stay fast
        from msgdesk.reports import collation_xlsx

        print(f"Wrote {collation_xlsx.export(collation, args.xlsx)}")
    if args.pdf:
        # loaded when the command runs, so --help and --version stay fast
        from msgdesk.reports import collation_pdf

        print(f"Wrote {collation_pdf.export(collation, args.pdf)}")
    return EXIT_OK


def _group_arguments(parser: argparse.ArgumentParser) -> None:
    actions = parser.add_subparsers(dest="action", metavar="ACTION", required=True)
    chosen = actions.add_parser("set", help="create a comparator group, or give it exactly these members")
    chosen.add_argument("name", help='the group\'s name, e.g. "Island authorities"')
    chosen.add_argument("--partnerships", nargs="+", metavar="NAME", required=True,
                        help="its partnerships (a part of a name is enough when only one name contains it)")
    actions.add_parser("list", help="every comparator group and its partnerships")
    gone = actions.add_parser("delete", help="delete a comparator group (its partnerships stay)")
    gone.add_argument("name")
    for child in actions.choices.values():
        db_option(child, argparse.SUPPRESS)  # --db may come last here too


@command("group", "comparator groups of partnerships, to collate and benchmark against", _group_arguments)
def run_group(args: argparse.Namespace) -> int:
    with workspace_for(args) as workspace:
        if args.action == "set":
            info = workspace.groups.set_group(args.name, args.partnerships)
            print(f"{info.name}: {len(info.members)} partnership{'s' if len(info.members) != 1 else ''}")
            for member in info.members:
                print(f"  {member}")
        elif args.action == "delete":
            name = workspace.groups.delete_group(args.name)
            print(f"Deleted the group {name!r}; its partnerships and their returns are unchanged.")
        else:
            groups = workspace.groups.list_groups()
            if not groups:
                print("No comparator groups yet. Make one with: msgdesk group set NAME --partnerships NAME ...")
            for info in groups:
                print(f"{info.name} ({len(info.members)})")
                for member in info.members:
                    print(f"  {member}")
    return EXIT_OK
