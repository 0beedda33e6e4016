"""Make text from a catalog harmless to print in a terminal or a CI log.

A dataset title or a CSV cell reaches our output verbatim. Without escaping, an
ESC byte could recolour or clear the terminal, a newline could forge a line of
its own (a fake `::error` command in GitHub Actions), and a bidi override could
make a reviewer read something other than what is there ("Trojan Source").
"""

from __future__ import annotations

import re

# Escaped everywhere:
# - C0 controls, DEL and C1 controls (ESC starts terminal sequences; U+0085 is a newline);
# - U+2028/U+2029, line and paragraph separators some log viewers break lines on;
# - the bidi embeddings, overrides (U+202A-U+202E) and isolates (U+2066-U+2069).
#   The marks LRM/RLM (U+200E/U+200F) and ZWNJ (U+200C) only nudge ordinary text,
#   and Persian words need ZWNJ, so those stay;
# - lone surrogates and U+FFFE/U+FFFF, which cannot be encoded to UTF-8 or are
#   invalid in XML, and would otherwise crash the writer instead of being reported.
_UNSAFE = re.compile(
    "[\x00-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
# The same set, minus newline and tab, for places where lines may break.
_UNSAFE_MULTILINE = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f\u2028\u2029\u202a-\u202e\u2066-\u2069\ud800-\udfff\ufffe\uffff]"
)
_NAMED = {"\n": "\\n", "\t": "\\t", "\r": "\\r"}
# GitHub Actions runs any line of a step's output that starts with `::` once leading
# whitespace is trimmed (`::error`, `::stop-commands::`). Text that may start a line (a
# value, or what follows a newline kept by `multiline`) has that `::` escaped.
_WORKFLOW_COMMAND = re.compile(r"(^|\n)([^\S\n]*):(?=:)")  # one line at a time: linear


def safe(text: str, *, multiline: bool = False, in_command: bool = False) -> str:
    r"""Escape control, separator and bidi-override characters as `\x1b`, `\u202e`, `\n`.

    With `multiline`, newline and tab are kept for outputs that escape or render
    them on their own (a GitHub annotation's `%0A`, an XML text node); carriage
    return is still escaped, since it rewinds a terminal line.

    A `::` that could start a line is escaped too, except `in_command`: the data of a
    workflow command, whose line breaks are encoded (`%0A`), so no line starts inside it.
    """
    pattern = _UNSAFE_MULTILINE if multiline else _UNSAFE
    escaped = pattern.sub(_escape_match, text)
    return escaped if in_command else _WORKFLOW_COMMAND.sub(r"\1\2\\x3a", escaped)


def _escape_match(match: re.Match[str]) -> str:
    char = match.group()
    if char in _NAMED:
        return _NAMED[char]
    code = ord(char)
    return f"\\x{code:02x}" if code <= 0xFF else f"\\u{code:04x}"


_FSI, _PDI = "\u2068", "\u2069"
# Letters of right-to-left scripts (Hebrew, Arabic, Syriac, Thaana, NKo, ..., Arabic presentation
# forms): a value holding one can reorder the line around it.
_RIGHT_TO_LEFT = re.compile("[\u0590-\u08ff\ufb1d-\ufdff\ufe70-\ufefc]")


def isolate(text: str, *, always: bool = False) -> str:
    """`text` (already made safe) between first-strong isolates, so its direction cannot
    spill over the line around it: a Persian title in an English line, a path in a Persian
    one. Without `always`, only text that holds right-to-left letters is wrapped."""
    if always or _RIGHT_TO_LEFT.search(text):
        return f"{_FSI}{text}{_PDI}"
    return text
