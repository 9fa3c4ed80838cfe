"""`python -m tactful.cli ...` runs the `tactful` command."""

import sys

from .main import main

if __name__ == "__main__":
    sys.exit(main())
