"""`python -m convener` runs the command line, as the installed `convener` script does."""

import sys

from convener.cli import main

sys.exit(main())
