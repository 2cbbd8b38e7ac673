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

from targetdoc.errors import CanonicalError
from targetdoc.models import Notice


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml: Any = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 1_000_000  # never fold a long target's text
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.sort_base_mapping_type_on_output = False
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.representer.add_representer(_FlowMap, _represent_flow_map)
    yaml.representer.add_representer(_FlowSeq, _represent_flow_seq)
    yaml.constructor.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
    return yaml


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    """Integral decimals as YAML ints (35000000), others as exact floats (0.35)."""
    tag = "int" if value == value.to_integral_value() else "float"
    return representer.represent_scalar(f"tag:yaml.org,2002:{tag}", _decimal_text(value))


def _construct_decimal(constructor: Any, node: Any) -> Decimal:
    return Decimal(constructor.construct_scalar(node))


def _decimal_text(value: Decimal) -> str:
    """Plain positional notation, exact: 35000000, 0.35, never 3.5E+7."""
    return format(value, "f")


class _FlowMap(dict[str, Any]):
    """A line span, written on one line: ``span: {first: 75, last: 76}``."""


class _FlowSeq(list[Any]):
    """A character span, written on one line: ``span: [5, 11]``."""


def _represent_flow_map(representer: Any, value: _FlowMap) -> Any:
    return representer.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _represent_flow_seq(representer: Any, value: _FlowSeq) -> Any:
    return representer.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


def _plain(notice: Notice) -> dict[str, Any]:
    return notice.model_dump(mode="python")


def _for_yaml(value: Any, key: str = "") -> Any:
    """Plain data with every span marked for flow style and tuples as lists."""
    if key == "span" or key.endswith("_span"):
        if isinstance(value, dict):
            return _FlowMap(value)
        if isinstance(value, list | tuple):
            return _FlowSeq(value)
    if isinstance(value, dict):
        return {name: _for_yaml(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [_for_yaml(item) for item in value]
    return value


def dump_yaml(notice: Notice) -> str:
    """The canonical YAML text of a notice."""
    return yaml_text(_plain(notice))


def yaml_text(data: Any) -> str:
    """Plain data in the canonical YAML style (spans on one line, exact decimals)."""
    stream = io.StringIO()
    _yaml().dump(_for_yaml(data), stream)
    return stream.getvalue()


def load_yaml(text: str, *, name: str = "<yaml>") -> Notice:
    """A notice from canonical YAML; tags never construct objects (safe loading)."""
    from ruamel.yaml.error import YAMLError

    try:
        data = _yaml().load(text)
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
    return json.dumps(json_ready(_plain(notice)), ensure_ascii=False, indent=2) + "\n"


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
