"""``python -m app``: the GUI, or a command (see app/cli.py)."""
import sys

from app.cli import main

if __name__ == "__main__":
    sys.exit(main())
