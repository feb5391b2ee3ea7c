import sys

from msgdesk.cli import main

sys.exit(main())
