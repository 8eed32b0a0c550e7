"""Signals the org tree sends to the apps above it (which may not be imported here)."""

from django.dispatch import Signal

# Sent inside move_unit's transaction after the subtree's paths were rewritten:
# kwargs unit (its new path set) and old_path. Reporting moves its branch sums.
unit_moved = Signal()
