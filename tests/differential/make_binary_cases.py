"""Write the data files whose exact bytes matter: line endings, a BOM, a legacy encoding.

Editors and git settings can silently rewrite such files, so their bytes are
made here, deterministically, and test_differential checks that the committed
files still equal them. Run `python -m tests.differential.make_binary_cases`
from the repository root after changing one.
"""

from __future__ import annotations

from pathlib import Path

CASES = Path(__file__).parent / "cases"

_PERSIAN = "id,city,population\n1,تهران,9000000\n2,اصفهان,2200000\n3,شيراز,1600000\n"
_LEGACY = "id,city\n1,Tehran\n2,Karaj\n3,قم\n4,Rasht\n"
_BOM = "\ufeff"


def binary_cases() -> dict[str, bytes]:
    """The `data.csv` of each byte-exact case, by case folder name."""
    return {
        # CRLF line endings, a blank CRLF line and a bad cell after it.
        "crlf": b"id,name,n\r\n1,a,1\r\n\r\n2,b,x\r\n3,c,3\r\n",
        # A UTF-8 BOM before the first label, which must still match its field.
        "utf8_bom": (_BOM + "id,name,n\n1,علی,1\n2,رضا,x\n").encode("utf-8"),
        # A BOM and CRLF together, header only.
        "utf8_bom_crlf_header_only": (_BOM + "id,name\r\n").encode("utf-8"),
        # windows-1256 declared: valid, the Persian names matching a pattern of Arabic letters.
        # (windows-1256 has only the Arabic Yeh, so legacy files spell شيراز with it.)
        "windows_1256_declared": _PERSIAN.encode("windows-1256"),
        # The same kind of file with no encoding declared (so UTF-8): its first
        # non-ASCII byte is on line 4, and nothing else can be checked.
        "windows_1256_undeclared": _LEGACY.encode("windows-1256"),
        # A declared UTF-8 file with one stray byte in its last row.
        "utf8_bad_byte": b"id,name\n1,a\n2,b\n3,\xff\n",
    }


def main() -> None:
    for name, content in binary_cases().items():
        (CASES / name / "data.csv").write_bytes(content)


if __name__ == "__main__":
    main()
