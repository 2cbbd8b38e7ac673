"""The year-end assessment (考核): reported actuals judged against a notice's targets.

``judge`` reads what a unit reported for an item and judges it against the item's
thresholds. The ``targetdoc score`` command (issue 17) is built on it.
"""
