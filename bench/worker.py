"""Run one measured function in a fresh process: `python -m bench.worker module:function JSON`.

The function gets the JSON object's keys as keyword arguments. It returns the seconds its
measured part took, or None to have the whole call timed. The result goes to the file named by
the GOVBOARD_BENCH_RESULT environment variable, as {"seconds": ...}.
"""

from __future__ import annotations

import importlib
import json
import os
import sys
import time


def main(argv: list[str]) -> int:
    target, kwargs = argv[0], json.loads(argv[1]) if len(argv) > 1 else {}
    module_name, _, func_name = target.partition(":")
    func = getattr(importlib.import_module(module_name), func_name)
    started = time.perf_counter()
    seconds = func(**kwargs)
    if seconds is None:
        seconds = time.perf_counter() - started
    with open(os.environ["GOVBOARD_BENCH_RESULT"], "w", encoding="utf-8") as out:
        json.dump({"seconds": seconds}, out)
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
