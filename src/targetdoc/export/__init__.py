"""Exporting: records → files for people and other tools (tables, CSV/JSONL, workbook, HTML)."""
