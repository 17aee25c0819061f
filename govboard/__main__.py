"""`python -m govboard` starts the desktop app."""

import sys

from govboard.ui.app import main

sys.exit(main())
