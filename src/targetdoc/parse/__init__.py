"""Parsing: the line index → records (the rule table, its state, drafts, header, thresholds)."""
