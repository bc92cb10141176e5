"""``python -m behaviours`` runs the command line."""

import sys

from behaviours.cli import main

sys.exit(main())
