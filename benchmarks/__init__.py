"""Reproducible timings on generated data of realistic and large size.

`python -m benchmarks.run` is the one command; harness.py says how to add a benchmark and
docs/performance.md holds the results and what was learnt from them.
"""
