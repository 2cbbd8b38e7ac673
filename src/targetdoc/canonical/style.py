"""The canonical YAML style, as ruamel.yaml writes it: the reference for the fast emitter.

Block style with two-space mappings and sequences offset by two, Chinese
unescaped, lines never folded, spans in flow style on one line, decimals exact
(35000000, 0.35). Loading is safe: tags never construct objects.
"""

from __future__ import annotations

import functools
import re
from decimal import Decimal
from typing import Any

from targetdoc.decimals import decimal_text


@functools.cache
def ruamel_yaml() -> Any:
    """A ruamel.yaml instance configured for the canonical style (safe, pure)."""
    return _yaml()


def load_data(text: str) -> Any:
    """Canonical YAML as plain data: safe (tags never construct objects), floats as exact
    decimals, with ruamel.yaml's C parser where it is installed (four times faster),
    read from its events (``canonical.events``) unless the text holds what a canonical
    file does not, which ruamel.yaml's loader then reads or refuses."""
    from targetdoc.canonical.events import Unusual, load_events

    try:
        return load_events(text, _loader_class())
    except Unusual:
        pass
    loader = _loader_class()(text)
    try:
        return loader.get_single_data()
    finally:
        loader.dispose()


def c_loader_in_use() -> bool:
    """Whether canonical YAML loads with the C parser (the benchmark insists on it)."""
    return _loader_class().__bases__[0].__name__ == "CSafeLoader"


@functools.cache
def _loader_class() -> type[Any]:
    """ruamel.yaml's C safe loader, or its pure one, taught exact decimals.

    ruamel.yaml 0.19's ``YAML(typ="safe")`` looks for the C parser under the name of
    the old ruamel.yaml.clib only, and silently falls back to pure Python with the
    ruamel.yaml.clibz it installs; ``ruamel.yaml.cyaml`` finds either.
    """
    base: type[Any]
    try:
        from ruamel.yaml.cyaml import CSafeLoader

        base = CSafeLoader
    except ImportError:  # no C extension (PyPy, or a platform without a wheel)
        from ruamel.yaml.loader import SafeLoader

        base = SafeLoader

    class CanonicalLoader(base):  # type: ignore[misc]
        """Safe loading with floats as exact decimals."""

    CanonicalLoader.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
    return CanonicalLoader


def _yaml() -> Any:
    from ruamel.yaml import YAML

    yaml: Any = YAML(typ="safe", pure=True)
    yaml.default_flow_style = False
    yaml.allow_unicode = True
    yaml.width = 1_000_000  # never fold a long target's text
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.sort_base_mapping_type_on_output = False
    # Never anchors and aliases: records may share a value, the text repeats it.
    yaml.representer.ignore_aliases = lambda *_: True
    yaml.representer.add_representer(Decimal, _represent_decimal)
    yaml.representer.add_representer(FlowMap, _represent_flow_map)
    yaml.representer.add_representer(FlowSeq, _represent_flow_seq)
    yaml.constructor.add_constructor("tag:yaml.org,2002:float", _construct_decimal)
    return yaml


def _represent_decimal(representer: Any, value: Decimal) -> Any:
    """Integral decimals as YAML ints (35000000), others as exact floats (0.35)."""
    tag = "int" if value == value.to_integral_value() else "float"
    return representer.represent_scalar(f"tag:yaml.org,2002:{tag}", decimal_text(value))


# The numbers a canonical file holds: plain positional decimals (0.35, 35000000), not
# .nan, .inf or 1e5000, which no threshold has and which JSON cannot hold exactly.
PLAIN_DECIMAL = re.compile(r"[-+]?(?:\d{1,40}(?:\.\d{0,40})?|\.\d{1,40})")


def _construct_decimal(constructor: Any, node: Any) -> Decimal:
    from ruamel.yaml.constructor import ConstructorError

    text = str(constructor.construct_scalar(node)).replace("_", "")
    if not PLAIN_DECIMAL.fullmatch(text):
        raise ConstructorError(
            None, None, f"{text!r} is not a plain decimal number", node.start_mark
        )
    return Decimal(text)


class FlowMap(dict[str, Any]):
    """A line span, written on one line: ``span: {first: 75, last: 76}``."""


class FlowSeq(list[Any]):
    """A character span, written on one line: ``span: [5, 11]``."""


def _represent_flow_map(representer: Any, value: FlowMap) -> Any:
    return representer.represent_mapping("tag:yaml.org,2002:map", value, flow_style=True)


def _represent_flow_seq(representer: Any, value: FlowSeq) -> Any:
    return representer.represent_sequence("tag:yaml.org,2002:seq", value, flow_style=True)


# The fields written in flow style, on their key's line: spans (``*_span`` too) and a
# PDF's page starts, whole numbers that say where, not what.
_FLOW_KEYS = frozenset({"span", "page_starts"})


def for_yaml(value: Any, key: str = "") -> Any:
    """Plain data with spans and page starts marked for flow style, tuples as lists."""
    if key in _FLOW_KEYS or key.endswith("_span"):
        if isinstance(value, dict):
            return FlowMap(value)
        if isinstance(value, list | tuple):
            return FlowSeq(value)
    if isinstance(value, dict):
        return {name: for_yaml(item, name) for name, item in value.items()}
    if isinstance(value, list | tuple):
        return [for_yaml(item) for item in value]
    return value
