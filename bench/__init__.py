"""Benchmarks for govboard: `python -m bench` (see bench/README.md)."""
