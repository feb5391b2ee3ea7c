import sys

if sys.argv[1:] == ["--version"]:
    # Answered before the command line's modules load (argparse, the commands' table), as
    # msgdesk.cli.main.main answers it for the installed command.
    from msgdesk import __version__

    print(f"msgdesk {__version__}")
    sys.exit(0)

from msgdesk.cli.main import main  # after the --version answer above

sys.exit(main())
