"""PyInstaller's entry script for govboard(.exe), the windowed desktop app."""

import sys

from govboard.ui.app import main

if __name__ == "__main__":
    sys.exit(main())
