"""A partner file's bytes as text: which encoding, decided per file, and said when it is unusual.

UTF-8 (BOM or not) first; then Windows-1252, what older Danish Excel writes. A file that mixes
the two (one line saved by older Excel in a UTF-8 file) is decoded line by line, each in its
own encoding, and the odd lines are named, never silently garbled.

Any bytes decode as Windows-1252, so a file in another encoding would be read as nonsense: Shift-JIS
"東京都" reads "“Œ‹ž“s". Such a reading is recognised by its runs of symbols among letters (mojibake),
and then the detector of the PyPI package charset-normalizer is asked for an encoding that reads
the file without them. Its answer is used only when it reads clean, with a warning that says what
was decided and shows the text as read; with no clean reading the file is refused.
"""
from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass

from partnerships.messages import Message, said
from partnerships.problems import WARNING, DataFileError, Problem

UTF8, WINDOWS_1252 = "UTF-8", "Windows-1252"
_BINARY_SIGNATURES = {  # the start of a file → what it is (a message key)
    b"PK\x03\x04": "kind_zip",
    b"\xd0\xcf\x11\xe0": "kind_xls",
    b"%PDF": "kind_pdf",
    b"\xff\xfe": "kind_utf16",
    b"\xfe\xff": "kind_utf16",
}
SAVE_AS_CSV = said("save_as_csv")
# Text has no control bytes; a few stray ones are reported per row, a file full of them is binary.
_BINARY_SAMPLE, _BINARY_SHARE, _STRAY_CONTROLS = 65536, 0.01, 1
_CONTROL_BYTES = re.compile(rb"[\x00-\x08\x0e-\x1f]")
# Mojibake: four or more characters beyond ASCII in a row, two or more of them not letters
# ('“Œ‹ž“'). Latin text has its accented letters one by one between plain ones ('Sønderborg');
# quotes around a letter or an ellipsis ('“Øst”', '»Ø«', '»…«') make three at most.
_NON_ASCII_RUN = re.compile(r"[^\x00-\x7f]{4,}")
_MOST_NON_LETTERS = 1
_SAMPLE = re.compile(r"\S*[^\x00-\x7f][^,;\t\n]*")
_SAMPLE_LENGTH = 40


@dataclass(frozen=True)
class Decoded:
    """A file's text, the lines (counted from 1) written in another encoding than the rest, and
    what is said about the encoding chosen."""

    text: str
    encoding: str = UTF8
    foreign_lines: frozenset[int] = frozenset()
    foreign_encoding: str | None = None
    problems: tuple[Problem, ...] = ()


def decode(raw: bytes) -> Decoded:
    """The file's text in the encoding decided for it (see the module); refuses what is not text."""
    for signature, what in _BINARY_SIGNATURES.items():
        if raw.startswith(signature):
            raise DataFileError(said("not_csv", what=said(what), save_as=SAVE_AS_CSV))
    sample = raw[:_BINARY_SAMPLE]
    if len(_CONTROL_BYTES.findall(sample)) > max(_STRAY_CONTROLS, len(sample) * _BINARY_SHARE):
        raise DataFileError(said("not_text", save_as=SAVE_AS_CSV))
    raw = raw.removeprefix(b"\xef\xbb\xbf")
    try:
        return Decoded(raw.decode("utf-8"))
    except UnicodeDecodeError:
        pass
    try:
        decoded = _decode_by_line(raw)
    except DataFileError as err:
        return _another_encoding(raw, err.said)
    if decoded.encoding == WINDOWS_1252 and not decoded.foreign_lines and garbled_run(decoded.text):
        return _another_encoding(raw, said("looks_garbled", sample=garbled_run(decoded.text), save_as=SAVE_AS_CSV))
    return decoded


def garbled_run(text: str) -> str | None:
    """The first run of characters that reads as mojibake, or None."""
    for match in _NON_ASCII_RUN.finditer(text):
        if sum(not unicodedata.category(c).startswith(("L", "M")) for c in match.group()) > _MOST_NON_LETTERS:
            return match.group()
    return None


def _clean(text: str) -> bool:
    """Read right, as far as can be told: every character beyond ASCII a letter, a mark, a space or
    punctuation that is not private or unassigned, and no run of mojibake."""
    unusual = (c for c in set(text) if ord(c) > 0x7F)
    return (not any(unicodedata.category(c) in ("Co", "Cn", "Cc", "Cs") for c in unusual)
            and garbled_run(text) is None)


# Each encoding the detector may name, and the national standard its text must also fit: the
# extensions (cp949's rare syllables, gb18030's rarest characters) are where a wrong reading lands.
_STANDARD = {"cp932": "shift_jis", "shift_jis": "shift_jis", "euc_jp": "euc_jp", "euc_jis_2004": "shift_jis",
             "gb18030": "gb2312", "gbk": "gb2312", "gb2312": "gb2312", "big5": "big5", "big5hkscs": "big5",
             "cp949": "euc_kr", "euc_kr": "euc_kr", "johab": "euc_kr"}
_NEVER = ["utf_16", "utf_16_be", "utf_16_le", "utf_32", "utf_32_be", "utf_32_le", "utf_7"]  # no BOM: not these


def _fits(text: str, encoding: str) -> bool:
    """Whether every character of a reading is one of its national standard's own (two bytes at
    most: EUC-KR spells the syllables it lacks in eight), and the reading is clean."""
    standard = _STANDARD.get(encoding, encoding)
    try:
        if any(len(c.encode(standard)) > 2 for c in set(text) if ord(c) > 0x7F):
            return False
    except (UnicodeEncodeError, LookupError):
        return False
    return _clean(text)


def _another_encoding(raw: bytes, refusal: Message) -> Decoded:
    """The reading charset-normalizer finds for a file that is neither UTF-8 nor Windows-1252, when
    one reads clean and no other reading does, with a warning saying so; else the file is refused
    with `refusal`. A short file often decodes in several encodings; then none is chosen."""
    from charset_normalizer import from_bytes  # only for files in an unusual encoding

    readings: dict[str, str] = {}
    for match in from_bytes(raw, cp_exclusion=_NEVER):
        if match.encoding in ("utf_8", "ascii", "cp1252"):
            continue
        try:
            text = raw.decode(match.encoding)
        except (UnicodeDecodeError, LookupError):
            continue
        if _fits(text, match.encoding):
            readings.setdefault(text, match.encoding)
    if len(readings) != 1:
        raise DataFileError(refusal)
    ((text, encoding),) = readings.items()
    sample = _SAMPLE.search(text)
    shown = sample.group()[:_SAMPLE_LENGTH].strip() if sample else ""
    name = {"cp932": "Shift-JIS"}.get(encoding, encoding.replace("_", "-").upper())
    warning = Problem(None, None, said("read_as_encoding", encoding=name, sample=shown), WARNING)
    return Decoded(text, name, problems=(warning,))


def _decode_by_line(raw: bytes) -> Decoded:
    parts: list[str] = []
    rich_utf8: set[int] = set()  # lines with letters beyond ASCII that are valid UTF-8
    windows: set[int] = set()
    for number, line in enumerate(raw.splitlines(keepends=True), start=1):
        try:
            parts.append(line.decode("utf-8"))
            if not line.isascii():
                rich_utf8.add(number)
        except UnicodeDecodeError:
            try:
                parts.append(line.decode("cp1252"))
            except UnicodeDecodeError as err:
                raise DataFileError(said("not_utf8_or_1252", line=number, byte=err.start + 1,
                                         save_as=SAVE_AS_CSV)) from None
            windows.add(number)
    text = "".join(parts)
    if not rich_utf8:
        return Decoded(text, WINDOWS_1252)
    if len(windows) <= len(rich_utf8):
        return Decoded(text, UTF8, frozenset(windows), WINDOWS_1252)
    return Decoded(text, WINDOWS_1252, frozenset(rich_utf8), UTF8)
