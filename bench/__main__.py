"""`python -m bench`: run the benchmark rows (see bench/README.md)."""

import sys

from bench.runner import main

sys.exit(main())
