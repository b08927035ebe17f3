"""The performance benchmark of issue #8; run it with `python bench/run.py`."""
