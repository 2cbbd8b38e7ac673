"""Checking: records → findings (structure, profile points, roll-ups, waivers, the validate run).

Import from the modules: ``check.validate.validate`` runs every check and returns a
``check.report.Report``.
"""
