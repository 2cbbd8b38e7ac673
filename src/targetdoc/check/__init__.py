"""Checking: records → findings (structure, profile points, roll-ups, waivers, the validate run)."""
