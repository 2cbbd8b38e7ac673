"""Names vulture (``make lint``) would call unused, each used where it cannot see.

A name here is used by a library or a tool, never by targetdoc's own code being
kept alive: dead code is deleted, not listed.
"""

# Vulture reads this file and never runs it; ``_.name`` stands for any object's name.

# The package's lazy exports (PEP 562): Python calls it.
__getattr__
# Pydantic reads these: configuration, fields read through model_dump, validators.
model_config
_.doc, _.who, _.when, _.sponsor, _.supervisor, _.addressees
# Babel reads these: words a message catalog must hold, marked with N_ but shown by a
# lookup of their English (SEVERITY_WORDS, STATUS_WORDS, WORDS).
SEVERITY_WORDS, STATUS_WORDS, WORDS
# click reads a ClickException's exit code.
_.exit_code
# html.parser calls its subclass's handlers.
_.handle_starttag, _.handle_endtag, _.handle_startendtag, _.handle_data
# ruamel.yaml reads its emitter's settings.
_.default_flow_style, _.allow_unicode, _.sort_base_mapping_type_on_output, _.ignore_aliases
# python-docx reads the properties a letter sets (export/letter.py).
_.author, _.last_modified_by, _.comments, _.keywords, _.modified, _.revision
_.page_width, _.top_margin, _.bottom_margin, _.left_margin, _.right_margin
_.line_spacing, _.space_before, _.space_after, _.alignment, _.first_line_indent
_.right_indent, _.keep_with_next, _.autofit, _.odd_and_even_pages_header_footer
# The line rules' trace prints a rule's docstring.
_.__doc__
# The benchmark and a test ask whether the C YAML parser is in use.
c_loader_in_use
