"""Indicators: what each threshold measures, from the catalog in grammars/indicators.yaml.

``catalog`` loads the indicators (and a profile's own), ``reading`` names the
indicators of one threshold and normalises its value to their measure, ``targets``
lists a notice's targets by indicator, ``compare`` sets each unit's target beside
the city's. Nothing here is stored in the records: the canonical files keep their
bytes, and a better catalog reads every notice again.
"""
