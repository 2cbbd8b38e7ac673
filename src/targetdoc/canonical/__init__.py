"""Canonical YAML and JSON: one deterministic text for each notice.

Key order is the models' field order, Chinese is written unescaped, lines are
never folded, and dumping a loaded file gives the same bytes.
"""

from __future__ import annotations

import datetime
import io
import json
from decimal import Decimal
from typing import Any

from pydantic import ValidationError

from targetdoc.canonical.emitter import Unsupported, emit
from targetdoc.canonical.style import for_yaml, ruamel_loader, ruamel_yaml
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


def load_yaml(text: str, *, name: str = "<yaml>") -> Notice:
    """A notice from canonical YAML; tags never construct objects (safe loading)."""
    from ruamel.yaml.error import YAMLError

    try:
        data = ruamel_loader().load(text)
    except YAMLError as error:
        raise CanonicalError(f"not valid YAML: {error}", path=name) from None
    return _validate(data, name)


def json_ready(value: Any) -> Any:
    """Dates as ISO text; decimals as numbers whose JSON text is the exact decimal."""
    if isinstance(value, dict):
        return {key: json_ready(item) for key, item in value.items()}
    if isinstance(value, list):
        return [json_ready(item) for item in value]
    if isinstance(value, datetime.date):
        return value.isoformat()
    if isinstance(value, Decimal):
        if value == value.to_integral_value():
            return int(value)
        as_float = float(value)
        if Decimal(repr(as_float)) != value:
            raise ValueError(f"{value} has no exact JSON number")
        return as_float
    return value


def dump_json(notice: Notice) -> str:
    """The canonical JSON text of a notice, with the YAML's structure."""
    return json.dumps(json_ready(notice_data(notice)), ensure_ascii=False, indent=2) + "\n"


def load_json(text: str, *, name: str = "<json>") -> Notice:
    """A notice from canonical JSON."""
    try:
        return Notice.model_validate_json(text)
    except ValidationError as error:
        raise CanonicalError(_first_error(error), path=name) from None


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
