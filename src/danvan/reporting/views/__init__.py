"""Pages of the reporting area, split by what they show."""
