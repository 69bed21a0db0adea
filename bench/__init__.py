"""Kizuna's benchmark: deterministic stores and a harness (``python -m bench.run``)."""
