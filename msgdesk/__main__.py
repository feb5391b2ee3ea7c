import sys

from msgdesk.cli.main import main

sys.exit(main())
