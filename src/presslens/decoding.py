"""Bytes to article text: encodings detected, text normalised, what is not text refused by name.

Byte-order marks (UTF-8/16/32) first, UTF-16 without one, UTF-8, then
charset-normalizer's guess; a UTF-8 file with bytes of another encoding pasted
in is refused rather than guessed. Text is normalised to NFC with LF line ends;
empty, whitespace-only, binary-looking text and lone surrogates are refused.
Text stored garbled, a single-byte code page read as Latin-1 ("Ðåöåíçèÿ" for
"Рецензия"), is repaired by `repair_garbled`, which says so for the brief.
"""

from __future__ import annotations

import codecs
import re
import unicodedata
from dataclasses import dataclass

from presslens.errors import (
    LoneSurrogate,
    UnusableInput,
)

_SURROGATE = re.compile("[\ud800-\udfff]")


_BOMS: tuple[tuple[bytes, str], ...] = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)


# Share of control characters (other than tab, LF, CR, form feed) above which a
# decoded input is taken for a binary file. Real articles have none; 1% leaves
# room for a few stray characters from a bad copy-paste.
MAX_CONTROL_SHARE = 0.01


def decode_text(data: bytes, origin: str) -> str:
    """Decode bytes to normalised text, or raise `UnusableInput` saying why not."""
    if not data:
        raise UnusableInput("the input is empty", source=origin)
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            try:
                return normalise(data[len(bom) :].decode(encoding), origin)
            except UnicodeDecodeError as err:
                raise UnusableInput(
                    f"not valid {encoding} after its byte-order mark (byte {err.start + len(bom)})",
                    source=origin,
                ) from None
    if (utf16 := _utf16_without_bom(data)) is not None:
        try:
            return normalise(data.decode(utf16), origin)
        except UnicodeDecodeError as err:
            raise UnusableInput(
                f"looks like {utf16} without a byte-order mark but does not decode "
                f"(byte {err.start})",
                source=origin,
            ) from None
    try:
        text = data.decode("utf-8")
    except UnicodeDecodeError as err:
        if err.end == len(data) and "unexpected end" in err.reason:
            raise UnusableInput(
                f"truncated UTF-8: the file ends inside a multi-byte character (byte {err.start})",
                source=origin,
            ) from None
        text = _guess_decode(data, origin)
    return normalise(text, origin)


def _guess_decode(data: bytes, origin: str) -> str:
    if b"\x00" in data[:4096]:
        raise UnusableInput("looks like a binary file, not text", source=origin)
    _refuse_mixed_utf8(data, origin)
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None:
        raise UnusableInput("not text in any encoding presslens recognises", source=origin)
    return str(best)


def _utf16_without_bom(data: bytes) -> str | None:
    """ "utf-16-le" or "utf-16-be" when NULs fill one byte of most pairs (Latin text), else None."""
    head = data[:4096]
    even_nuls = head[0::2].count(0)
    odd_nuls = head[1::2].count(0)
    half = max(len(head) // 2, 1)
    if max(even_nuls, odd_nuls) / half <= 0.3 or min(even_nuls, odd_nuls) / half >= 0.05:
        return None
    return "utf-16-le" if odd_nuls > even_nuls else "utf-16-be"


# A file is UTF-8 with a few bytes of another encoding pasted in when at least this many
# of its non-ASCII characters decode as UTF-8 for each byte that does not.
MIXED_UTF8_SHARE = 5


MIN_MIXED_UTF8_CHARS = 10


def _refuse_mixed_utf8(data: bytes, origin: str) -> None:
    """Refuse a mostly-UTF-8 file with stray bytes: one guessed encoding would garble the rest."""
    decoded = data.decode("utf-8", errors="replace")
    bad = decoded.count("\ufffd")
    good = sum(1 for ch in decoded if ch > "\x7f") - bad
    if good >= MIN_MIXED_UTF8_CHARS and good >= MIXED_UTF8_SHARE * bad:
        try:
            data.decode("utf-8")
        except UnicodeDecodeError as err:
            raise UnusableInput(
                f"not valid UTF-8 at byte {err.start:,} although the rest is UTF-8 "
                "(mixed encodings? save the file as UTF-8)",
                source=origin,
            ) from None


def normalise(text: str, origin: str) -> str:
    """NFC, LF line ends, no BOM; refuse empty, whitespace-only and binary-looking text."""
    if text.startswith("\ufeff"):
        text = text[1:]
    if "\r" in text:
        text = text.replace("\r\n", "\n").replace("\r", "\n")
    check_unicode(text, origin)
    if not unicodedata.is_normalized("NFC", text):
        text = unicodedata.normalize("NFC", text)
    if not text.strip():
        raise UnusableInput(
            "the input is empty" if not text else "the input holds only whitespace", source=origin
        )
    controls = sum(1 for ch in text if ch < " " and ch not in "\t\n\f")
    if controls / len(text) > MAX_CONTROL_SHARE:
        raise UnusableInput("looks like a binary file, not text", source=origin)
    return text


def check_unicode(text: str, origin: str, what: str = "the text") -> None:
    """Refuse text holding a lone surrogate (from a JSON escape): it cannot be written out."""
    found = _SURROGATE.search(text)
    if found:
        raise LoneSurrogate(
            f"{what} holds a lone surrogate (U+{ord(found.group()):04X}), not Unicode text",
            source=origin,
        )


# -- text stored garbled ---------------------------------------------------------------------

#: Letters a text needs before it is judged garbled: a title of a few words is too little
#: to tell a Windows-1251 sentence read as Latin-1 from a name with accents.
MIN_GARBLED_LETTERS = 40
#: Share of a garbled text's letters in U+00C0-U+00FF (À-ÿ) from which it is taken for a
#: single-byte code page read as Latin-1. Measured: the Windows-1251 article in
#: wmt-parallel en-ru (nytimes.268790) has 1.0; the French, German and Icelandic sentences
#: written for tests/test_garbled.py have 0.15, 0.10 and 0.28 (Icelandic, dense with
#: þ ð á æ ó, the highest), so 0.6 leaves a wide margin on both sides.
MIN_GARBLED_SHARE = 0.6
#: Share of the repaired text's letters that must be of one non-Latin script (Cyrillic,
#: Greek, Hebrew, Arabic, Thai) for the repair to be kept: the re-read must give clean text
#: of a script, not another garble. The wmt-parallel article gives 0.995 Cyrillic.
MIN_REPAIRED_SCRIPT_SHARE = 0.9
_LATIN1_LETTERS = re.compile("[\u00c0-\u00ff]")
_SCRIPTS = {
    "Cyrillic": re.compile("[\u0400-\u04ff]"),
    "Greek": re.compile("[\u0370-\u03ff]"),
    "Hebrew": re.compile("[\u0590-\u05ff]"),
    "Arabic": re.compile("[\u0600-\u06ff]"),
    "Thai": re.compile("[\u0e00-\u0e7f]"),
}
#: charset-normalizer's names for the code pages, as a reader knows them.
_CODE_PAGE_NAMES = {
    "cp1250": "Windows-1250",
    "cp1251": "Windows-1251",
    "cp1253": "Windows-1253",
    "cp1255": "Windows-1255",
    "cp1256": "Windows-1256",
    "cp874": "Windows-874",
    "koi8_r": "KOI8-R",
    "koi8_u": "KOI8-U",
    "cp866": "CP866",
    "iso8859_5": "ISO-8859-5",
    "iso8859_7": "ISO-8859-7",
    "mac_cyrillic": "Mac Cyrillic",
}


@dataclass(frozen=True)
class Repair:
    """Text repaired from a garble, and the plain notice that says so."""

    text: str
    code_page: str

    @property
    def notice(self) -> str:
        return (
            f"The text was stored garbled ({self.code_page} read as Latin-1) and was repaired: "
            "the text shown is the repaired reading, not the input byte for byte."
        )


def repair_garbled(text: str) -> Repair | None:
    """The text re-read in the code page it was written in, when it was read as Latin-1.

    Nearly all letters in U+00C0-U+00FF (`MIN_GARBLED_SHARE`), and re-encoded as
    Windows-1252 (Latin-1 where that has no byte) the bytes read by the code page
    charset-normalizer picks as clean text of one non-Latin script
    (`MIN_REPAIRED_SCRIPT_SHARE`). Real French, German or Icelandic text has far
    fewer such letters and is never touched.
    """
    letters = [ch for ch in text if ch.isalpha()]
    if len(letters) < MIN_GARBLED_LETTERS:
        return None
    garbled = sum(1 for ch in letters if _LATIN1_LETTERS.match(ch))
    if garbled / len(letters) < MIN_GARBLED_SHARE:
        return None
    try:
        data = b"".join(_byte_of(ch) for ch in text)
    except UnicodeEncodeError:
        return None  # a character no single-byte reading could have produced
    from charset_normalizer import from_bytes

    best = from_bytes(data).best()
    if best is None or best.encoding in ("latin_1", "cp1252", "iso8859_15", "utf_8", "ascii"):
        return None
    repaired = str(best)
    repaired_letters = [ch for ch in repaired if ch.isalpha()]
    if not repaired_letters:
        return None
    script_share = max(
        sum(1 for ch in repaired_letters if pattern.match(ch)) for pattern in _SCRIPTS.values()
    ) / len(repaired_letters)
    if script_share < MIN_REPAIRED_SCRIPT_SHARE:
        return None
    name = _CODE_PAGE_NAMES.get(best.encoding, best.encoding)
    return Repair(unicodedata.normalize("NFC", repaired), name)


def _byte_of(ch: str) -> bytes:
    """The byte a Windows-1252 or Latin-1 reading turned into `ch`."""
    try:
        return ch.encode("cp1252")
    except UnicodeEncodeError:
        return ch.encode("latin-1")
