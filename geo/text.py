"""The one form in which names are compared: ids, near-duplicate names, the gazetteer, the
country names and the partnership types all fold text the same way."""
from __future__ import annotations

import re
import unicodedata

# Letters NFKD does not take apart, spelled as Danish and German readers spell them in ASCII:
# 'Åbenrå' is 'Aabenraa', 'Ærø' is 'Aeroe'… but 'ø' is 'o', as GeoNames' ASCII names write it.
_SPELLED_OUT = str.maketrans({
    "ø": "o", "æ": "ae", "å": "aa", "œ": "oe", "đ": "d", "ð": "d", "þ": "th", "ł": "l", "ı": "i", "ħ": "h",
})
_ACCENTS = re.compile("[\u0300-\u036f]")  # what NFKD splits off Latin letters
_NOT_WORD = re.compile(r"[\W_]+")


def fold(text: str) -> str:
    """No case, no accents, Nordic letters spelled out, punctuation as single spaces:
    ' Saint-Étienne ' → 'saint etienne', 'Åbenrå' → 'aabenraa', 'City of Baoding.' →
    'city of baoding'."""
    if not text.isascii():  # most names are ASCII and need none of this
        text = _ACCENTS.sub("", unicodedata.normalize("NFKD", text.casefold().translate(_SPELLED_OUT)))
    return " ".join(_NOT_WORD.sub(" ", text.lower()).split())


_LONG_VOWELS = re.compile(r"(?<=[aeiou])h(?![aeiouy])|(?<=o)[ou]|(?<=u)u")
ROMANISED = frozenset({"JP", "KR", "KP", "CN", "TW"})  # where names are romanised more than one way


def loose(folded: str) -> str:
    """A folded name as romanisations agree on it: no spaces, long vowels short. 'hitachi ota',
    'hitachiota' and 'hitachi ohta' are 'hitachiota'; 'toukyou' is 'tokyo'; 'xi an' is 'xian'."""
    return _LONG_VOWELS.sub("", folded.replace(" ", ""))


def slug(text: str, empty: str = "map") -> str:
    """A file-name- and URL-safe ASCII form: 'Sønderborg Kommune' → 'sonderborg-kommune'."""
    plain = fold(text).encode("ascii", "ignore").decode()
    return re.sub(r"[^a-z0-9]+", "-", plain).strip("-") or empty
