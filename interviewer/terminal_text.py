"""What may reach a terminal: text a model, a profile or a log supplies must never drive the terminal.

An escape sequence in a model's reply could retitle the window, write the clipboard (OSC 52), hide
text or rewrite what was printed before it. Everything we print goes through `for_terminal`, which
keeps newlines and tabs and drops every other control: ESC sequences (CSI, OSC, DCS, ...), the C0
and C1 control characters, DEL, and the bidi controls that reorder what the reader sees.
"""

import re

_ESCAPE_SEQUENCES = re.compile(
    r"""
      \x1b\[ [0-?]* [ -/]* [@-~]?                        # CSI ... final byte
    | \x9b   [0-?]* [ -/]* [@-~]?                        # 8-bit CSI
    | (?:\x1b[]PX^_]|[\x90\x98\x9d\x9e\x9f]) .*? (?:\x07|\x1b\\|\x9c|$)  # OSC, DCS, SOS, PM, APC
    | \x1b [ -/]* [0-~]?                                 # any other ESC sequence
    """,
    re.VERBOSE | re.DOTALL,
)
_CONTROLS = re.compile(
    "[\x00-\x08\x0b-\x1f\x7f-\x9f"  # C0 but \t and \n; DEL; C1
    "\u061c\u200e\u200f\u202a-\u202e\u2066-\u2069]"  # bidi marks, embeddings, overrides, isolates
)


def for_terminal(text: str) -> str:
    """`text` with every escape sequence and control character removed, newlines and tabs kept."""
    return _CONTROLS.sub("", _ESCAPE_SEQUENCES.sub("", text))
