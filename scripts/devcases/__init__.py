"""The parts of ``scripts/build_dev_cases.py``: one module per job (the model of a case,
planting restructurings, laying out and writing, one module per data family)."""
