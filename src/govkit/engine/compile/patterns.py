"""Pattern constraints: Python regular expressions rewritten for RE2, with Python's
Unicode \\d, \\w and \\s."""

from __future__ import annotations

from typing import Final

from govkit.engine.compile.sql import _SPACE_CLASS

# -- patterns ------------------------------------------------------------------------------

_UNICODE_CLASSES: Final = {
    "d": ("\\p{Nd}", "\\p{Nd}"),
    "D": ("\\P{Nd}", None),
    "w": ("[\\p{L}\\p{N}_]", "\\p{L}\\p{N}_"),
    "W": ("[^\\p{L}\\p{N}_]", None),
    "s": (_SPACE_CLASS, _SPACE_CLASS[1:-1]),
    "S": ("[^" + _SPACE_CLASS[1:], None),
    "Z": ("\\z", None),
}


def _python_to_re2(pattern: str) -> str:
    """Python's Unicode \\d, \\w, \\s in RE2 terms (RE2's own are ASCII-only)."""
    out: list[str] = []
    in_class = False
    index = 0
    while index < len(pattern):
        char = pattern[index]
        if char == "\\" and index + 1 < len(pattern):
            escape = pattern[index + 1]
            outside, inside = _UNICODE_CLASSES.get(escape, (None, None))
            replacement = inside if in_class else outside
            out.append(replacement or pattern[index : index + 2])
            index += 2
            continue
        if char == "[" and not in_class:
            in_class = True
            out.append(char)
            index += 1
            # A ']' right after '[' or '[^' is a literal member.
            for prefix in ("^", "]"):
                if pattern[index : index + 1] == prefix:
                    out.append(prefix)
                    index += 1
            continue
        if char == "]" and in_class:
            in_class = False
        out.append(char)
        index += 1
    return "".join(out)
