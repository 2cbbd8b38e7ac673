"""Canonical YAML and JSON: one deterministic text for each notice.

Key order is the models' field order, Chinese is written unescaped, lines are
never folded, and dumping a loaded file gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import json
import os
import re
import secrets
from decimal import Decimal
from pathlib import Path
from typing import Any

from pydantic import ValidationError

from targetdoc.canonical.emitter import Unsupported, emit
from targetdoc.canonical.style import PLAIN_DECIMAL as _PLAIN_DECIMAL
from targetdoc.canonical.style import for_yaml, load_data, ruamel_yaml
from targetdoc.datafile import utf8_text
from targetdoc.decimals import decimal_text
from targetdoc.errors import CanonicalError
from targetdoc.models import Notice


def notice_data(notice: Notice) -> dict[str, Any]:
    """The notice as plain data (dates and decimals kept), in the models' field order."""
    return notice.model_dump(mode="python")


def dump_yaml(notice: Notice) -> str:
    """The canonical YAML text of a notice."""
    return yaml_text(notice_data(notice))


def yaml_text(data: Any) -> str:
    """Plain data in the canonical YAML style (spans on one line, exact decimals)."""
    marked = for_yaml(data)
    try:
        return emit(marked)
    except Unsupported:
        return ruamel_text(marked)


def ruamel_text(marked: Any) -> str:
    """The same text written by ruamel.yaml itself: the reference, and the fallback."""
    stream = io.StringIO()
    ruamel_yaml().dump(marked, stream)
    return stream.getvalue()


def read_canonical_text(path: Path) -> str:
    """A canonical file's text: UTF-8, or a ``CanonicalError`` naming the line."""
    try:
        data = path.read_bytes()
    except OSError as error:
        raise CanonicalError(f"cannot read: {error.strerror}", path=str(path)) from None
    return utf8_text(data, label=str(path), error=CanonicalError)


def _text_given(text: object, function: str) -> None:
    """A path where the text belongs is a caller's mistake, said as such."""
    if isinstance(text, os.PathLike):
        raise TypeError(
            f"{function} takes the file's text, not its path: read_notice(path) reads a file"
        )


def load_yaml(text: str, *, name: str = "<yaml>") -> Notice:
    """A notice from canonical YAML's text; tags never construct objects (safe loading)."""
    _text_given(text, "load_yaml")
    from ruamel.yaml.error import MarkedYAMLError, YAMLError

    try:
        data = load_data(text)
    except MarkedYAMLError as error:
        mark = error.problem_mark or error.context_mark
        line = mark.line + 1 if mark is not None else None
        problem = error.problem or error.context or "not YAML"
        raise CanonicalError(f"not valid YAML: {problem}", path=name, line=line) from None
    except YAMLError as error:
        raise CanonicalError(f"not valid YAML: {error}", path=name) from None
    except (ValueError, OverflowError) as error:  # a scalar no safe type can hold (2020-13-45)
        raise CanonicalError(f"not valid YAML: {error}", path=name) from None
    return _validate(data, name)


def json_text(value: Any, *, indent: int | None = 2) -> str:
    """Plain data as JSON: dates as ISO text, decimals as numbers written exactly.

    A decimal that a float holds exactly is written as that float (0.35); any other
    (more than 17 significant digits) is written digit for digit, which JSON allows and
    ``json`` cannot do by itself: it is dumped as a marked string, then unquoted.
    """
    exact: list[str] = []
    nonce = secrets.token_hex(8)

    def default(obj: object) -> object:
        if isinstance(obj, datetime.date):
            return obj.isoformat()
        if isinstance(obj, Decimal):
            if not obj.is_finite():
                raise ValueError(f"{obj} is not a number JSON can hold")
            if obj == obj.to_integral_value():
                return int(obj)
            as_float = float(obj)
            if Decimal(repr(as_float)) == obj:
                return as_float
            exact.append(decimal_text(obj))
            return f"\x00{nonce}:{len(exact) - 1}\x00"
        raise TypeError(f"{type(obj).__name__} is not JSON data")

    text = json.dumps(value, ensure_ascii=False, indent=indent, default=default)
    if exact:
        marked = re.compile(rf'"\\u0000{nonce}:(\d+)\\u0000"')
        text = marked.sub(lambda match: exact[int(match.group(1))], text)
    return text


def dump_json(notice: Notice) -> str:
    """The canonical JSON text of a notice, with the YAML's structure."""
    return json_text(notice_data(notice)) + "\n"


def load_json(text: str, *, name: str = "<json>") -> Notice:
    """A notice from canonical JSON's text; numbers are read exactly (never through a float)."""
    _text_given(text, "load_json")
    try:
        data = json.loads(text, parse_float=_exact_number, parse_constant=_no_constant)
    except (ValueError, RecursionError) as error:
        raise CanonicalError(f"not valid JSON: {error}", path=name) from None
    # Decimals travel as JSON strings, which the records' exact numbers accept.
    try:
        return Notice.model_validate_json(json.dumps(data, ensure_ascii=False))
    except ValidationError as error:
        raise CanonicalError(_first_error(error), path=name) from None


def _exact_number(text: str) -> str:
    if not _PLAIN_DECIMAL.fullmatch(text):
        raise ValueError(f"{text} is not a plain decimal number")
    return text


def _no_constant(text: str) -> object:
    raise ValueError(f"{text} is not a number a notice can hold")


def _validate(data: Any, name: str) -> Notice:
    try:
        return Notice.model_validate(data)
    except ValidationError as error:
        raise CanonicalError(_first_error(error), path=name) from None


def _first_error(error: ValidationError) -> str:
    first = error.errors()[0]
    where = ".".join(str(part) for part in first["loc"])
    more = f" (and {error.error_count() - 1} more)" if error.error_count() > 1 else ""
    return f"not a valid notice: {where}: {first['msg']}{more}"


def json_schema() -> str:
    """The JSON Schema of a notice's records, as committed in schema/notice.schema.json."""
    schema = Notice.model_json_schema()
    return json.dumps(schema, ensure_ascii=False, indent=2, sort_keys=True) + "\n"
