"""The interface's language: English (the messages as written) or Chinese (a gettext
catalog, ``locale/zh_CN/LC_MESSAGES/targetdoc.po``, compiled by Babel when the package
is built).

The language is set once per command (``--lang``, else ``TARGETDOC_LANG``, else the
locale's ``LC_ALL``, ``LC_MESSAGES`` or ``LANG``); library code marks its messages with
``_`` (translated now) or ``N_`` (a template translated where it is shown: a finding's
message). Finding codes, JSON keys and values a program reads stay in English.
"""

from __future__ import annotations

import datetime
import functools
import gettext
import os
from dataclasses import dataclass
from importlib import resources
from typing import Literal

Language = Literal["en", "zh"]
LANGUAGES: tuple[Language, ...] = ("en", "zh")
DOMAIN = "targetdoc"
_CATALOGS = {"zh": "zh_CN"}

_current: list[Language] = ["en"]


def language() -> Language:
    """The language messages are shown in now."""
    return _current[0]


def set_language(chosen: Language) -> None:
    """Show messages in this language from now on (the CLI sets it for each command)."""
    if chosen != "en":
        _translations(chosen)  # a missing catalog fails here, not at the first message
    _current[0] = chosen


def language_from_environment(environ: dict[str, str] | None = None) -> Language:
    """``TARGETDOC_LANG``, else the locale's language (``zh_CN.UTF-8`` is Chinese)."""
    environ = dict(os.environ) if environ is None else environ
    explicit = environ.get("TARGETDOC_LANG", "").strip().lower()
    if explicit in LANGUAGES:
        return explicit
    for name in ("LC_ALL", "LC_MESSAGES", "LANG"):
        value = environ.get(name, "")
        if value:
            return "zh" if value.lower().startswith("zh") else "en"
    return "en"


class CatalogMissing(RuntimeError):
    """The compiled catalog is not installed: a broken installation, not bad input."""


@functools.cache
def _translations(chosen: Language) -> gettext.NullTranslations:
    folder = resources.files("targetdoc") / "locale"
    compiled = folder / _CATALOGS[chosen] / "LC_MESSAGES" / f"{DOMAIN}.mo"
    if not compiled.is_file():
        raise CatalogMissing(
            f"the {_CATALOGS[chosen]} message catalog is not compiled: reinstall targetdoc "
            "(pip install builds it with Babel)"
        )
    with compiled.open("rb") as stream:
        return gettext.GNUTranslations(stream)


def _(message: str) -> str:
    """The message in the current language."""
    if _current[0] == "en":
        return message
    return _translations(_current[0]).gettext(message)


def N_(message: str) -> str:
    """Marks a template for the catalog; it is translated where it is shown."""
    return message


def ngettext(singular: str, plural: str, count: int) -> str:
    """The singular or plural form, in the current language."""
    if _current[0] == "en":
        return singular if count == 1 else plural
    return _translations(_current[0]).ngettext(singular, plural, count)


def every_language(message: str) -> frozenset[str]:
    """The message as each language shows it: what a label read back from a file the
    user filled in (a workbook's header) may say."""
    shown = {message}
    for chosen in LANGUAGES:
        if chosen != "en":
            shown.add(_translations(chosen).gettext(message))
    return frozenset(shown)


@dataclass(frozen=True)
class Message:
    """A template and its values, kept apart so that it can be shown in English for
    programs (JSON) and in the interface's language for people."""

    template: str
    values: tuple[tuple[str, str], ...] = ()

    @classmethod
    def of(cls, template: str, **values: object) -> Message:
        """The template (marked with ``N_``) with its values, as text."""
        return cls(template, tuple((name, str(value)) for name, value in values.items()))

    def english(self) -> str:
        """As written in the code."""
        return self.template.format_map(dict(self.values))

    def shown(self) -> str:
        """In the interface's language."""
        return _(self.template).format_map(dict(self.values))


def date_shown(day: datetime.date) -> str:
    """A date as the interface's language writes it: 2020年8月22日 in Chinese (as a 公文
    does), 2020-08-22 in English."""
    if _current[0] == "zh":
        return f"{day.year}年{day.month}月{day.day}日"
    return day.isoformat()


def bracketed(text: str) -> str:
    """A remark after a word, in brackets as the language sets them: full-width and
    close up in Chinese (市发改委（别名）), after a space in English (… (alias))."""
    return f"（{text}）" if _current[0] == "zh" else f" ({text})"
