"""`python -m partnerships …`, the name the commands are known by: the command line is cli/."""
import sys

from cli.main import main

sys.exit(main())
