"""Reading: bytes of a file → a line index (decode, containers, normalize, source)."""
