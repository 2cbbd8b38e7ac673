"""``python -m targetdoc``: the same command line as ``targetdoc``."""

from targetdoc.cli import main

main()
