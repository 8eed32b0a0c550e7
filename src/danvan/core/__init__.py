"""danvan.core: the pure-Python library under the Django apps.

Nothing in this package may import Django or any danvan app; a test enforces
it (tests/core/test_layering.py). Configuration comes in as plain arguments or
frozen dataclasses.
"""
