"""Numbers as documents number things: Chinese numerals, circled digits, letters.

One module for what several readers need: the outline's numbering forms (一、 （十二）
⑤ C、), dates in Chinese numerals (二〇二一年), and the Word list numbers written back.
"""

from __future__ import annotations

_DIGITS = {c: n for n, c in enumerate("零一二三四五六七八九")} | {"〇": 0, "两": 2}
# The financial forms (壹 贰 叁 …), as documents from Taiwan number their parts.
_DIGITS |= {c: n for n, c in enumerate("零壹贰叁肆伍陆柒捌玖")} | {"参": 3}
_POWERS = {"十": 10, "百": 100, "千": 1000, "拾": 10, "佰": 100}


def from_chinese(written: str) -> int | None:  # noqa: PLR0911 (each malformed case)
    """一 … 九千九百九十九 as an int: 十二 is 12, 二十 is 20, 一百零五 is 105; None for
    what is no number (一二, 十十, an empty string)."""
    if not written:
        return None
    total, digit, last_power = 0, None, 10_000
    for char in written:
        if char in _DIGITS:
            if _DIGITS[char] == 0 and total and digit is None:  # 一百零五: a gap
                continue
            if digit is not None:  # two digits in a row: 一二
                return None
            digit = _DIGITS[char]
        elif char in _POWERS:
            power = _POWERS[char]
            if power >= last_power:  # 十十, 十百
                return None
            if digit is None and not (power == 10 and total == 0):
                return None  # 百 alone; only 十 may stand for 一十 at the start
            total += (1 if digit is None else digit) * power
            digit, last_power = None, power
        else:
            return None
    if digit is not None:
        if digit == 0 and total == 0 and len(written) > 1:
            return None
        total += digit
    return total


def digits_from_chinese(written: str) -> int | None:
    """A year written digit by digit, 二〇二一 → 2021; None if a character is no digit."""
    if not written or any(char not in _DIGITS for char in written):
        return None
    return int("".join(str(_DIGITS[char]) for char in written))


_UNITS = "零一二三四五六七八九"


def to_chinese(number: int) -> str:
    """1 … 99 in Chinese numerals as a list numbers them: 10 十, 12 十二, 20 二十;
    other numbers in decimal digits."""
    if not 0 < number < 100:
        return str(number)
    tens, units = divmod(number, 10)
    text = ("" if tens == 1 else _UNITS[tens]) + "十" if tens else ""
    return text + (_UNITS[units] if units else "")


def circled_value(char: str) -> int | None:
    """① … ⑳ and ⑴ … ⒇ as 1 … 20."""
    for first, last in (("①", "⑳"), ("⑴", "⒇")):
        if first <= char <= last:
            return ord(char) - ord(first) + 1
    return None


def letter_value(char: str) -> int | None:
    """A, B, C … (or a, b, c …) as 1, 2, 3 …"""
    if "A" <= char <= "Z":
        return ord(char) - ord("A") + 1
    if "a" <= char <= "z":
        return ord(char) - ord("a") + 1
    return None
