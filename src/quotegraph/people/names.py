"""Person names: strip titles and possessives, split first and last names, guess gender.

Gender comes from a first-name lexicon derived from US Census 1990 name frequencies
(``lexicons/first_names.tsv``), extended by coreferee's world name lists
(``first_names_world.tsv``), and from gendered titles (``Mr``, ``Mrs``); in-article evidence
(``coref.py``) overrides both.
"""

from __future__ import annotations

from functools import cache

from quotegraph.lexicon import load_lexicon

_PKG = "quotegraph.people.lexicons"
_POSSESSIVE = ("’s", "'s", "’", "'")
STYLED_TITLES = {"prince", "princess", "king", "queen", "pope", "duke", "duchess", "emperor", "empress", "sheikh"}
_NAME_SUFFIXES = {"jr", "jr.", "sr", "sr.", "ii", "iii", "iv"}


def titles() -> dict[str, str]:
    return load_lexicon(_PKG, "titles.txt")


@cache
def first_name_genders() -> dict[str, str]:
    """US census names first, then the world names of coreferee's lists (Khaled, Kirill, Tiago)."""
    return {**load_lexicon(_PKG, "first_names_world.tsv"), **load_lexicon(_PKG, "first_names.tsv")}


def person_nouns() -> dict[str, str]:
    return load_lexicon(_PKG, "person_nouns.txt")


def group_nouns() -> dict[str, str]:
    return load_lexicon(_PKG, "group_nouns.txt")


def org_name_heads() -> dict[str, str]:
    return load_lexicon(_PKG, "org_name_heads.txt")


def is_org_name(words: list[str]) -> bool:
    """``Dick Clark Productions``, ``Acme Corp.``: a multi-word name whose last word is an
    organisation head (``lexicons/org_name_heads.txt``) names an organisation."""
    return len(words) > 1 and words[-1].lower().rstrip(".") in org_name_heads()


def strip_possessive(word: str) -> str:
    for suffix in _POSSESSIVE:
        if word.endswith(suffix) and len(word) > len(suffix):
            return word[: -len(suffix)]
    return word


def split_title(words: list[str]) -> tuple[list[str], str | None]:
    """(name words, gender implied by a leading title or None), titles removed."""
    table = titles()
    gender: str | None = None
    i = 0
    while i < len(words) - 1 and words[i].lower().rstrip(".") in table:
        gender = table[words[i].lower().rstrip(".")] or gender
        i += 1
    if i == len(words) - 1 and i > 0 and words[i - 1].lower() in STYLED_TITLES:
        i -= 1  # "Prince Andrew", "Pope Francis": the title is part of a one-word name
    return words[i:], gender


PARTICLES = {"de", "da", "di", "van", "von", "der", "den", "la", "le", "du", "bin", "al", "el", "ibn", "dos", "del"}


def clean_name(words: list[str]) -> list[str]:
    """Name words without titles, possessive endings, brackets (``Coach (Frank) Vogel``) or a
    description the tagger took in (``Lakers great Magic Johnson``: words up to the last lowercase
    word that is not a particle such as ``van`` or ``de``)."""
    words = [w.strip("()[]") for w in words if w not in {",", ".", "’s", "'s"}]
    words = [w for w in words if w]
    lowercase = [i for i, w in enumerate(words[:-1]) if w[:1].islower() and w.lower() not in PARTICLES]
    if lowercase:
        words = words[lowercase[-1] + 1 :]
    if not words:
        return words
    words[-1] = strip_possessive(words[-1])
    words, _ = split_title(words)
    return [w for w in words if w]


def surname(words: list[str]) -> str:
    """The last name, skipping generational suffixes (``Jr.``)."""
    for word in reversed(words):
        if word.lower() not in _NAME_SUFFIXES:
            return word
    return words[-1]


def capitalised(word: str) -> bool:
    """Written as a name: ``McCormick``, ``DeSantis`` and ``NATO`` too (``str.istitle`` says no)."""
    return word[:1].isupper()


def gender_of_first_name(first: str) -> str | None:
    tag = first_name_genders().get(first[:1].upper() + first[1:].lower())
    return tag or None


# offices that one person rarely holds two of at once: "the mayor" is not the man the article
# called "City Attorney"; abbreviations as written before a name ("Sen.", "Rep.") map to the noun
_OFFICE_FORMS = {"sen": "senator", "rep": "representative", "congressman": "representative",
                 "congresswoman": "representative", "gov": "governor", "pres": "president", "gen": "general",
                 "adm": "admiral", "councilman": "councillor", "councilwoman": "councillor"}  # fmt: skip
_OFFICES = {"senator", "representative", "governor", "mayor", "president", "judge", "justice", "attorney",
            "secretary", "minister", "ambassador", "sheriff", "commissioner", "chancellor", "speaker", "general",
            "admiral", "coach", "councillor", "superintendent", "prosecutor", "lawyer"}  # fmt: skip


def office(title: str) -> str | None:
    """The office a title word names (``Sen.`` -> senator), or None for other titles."""
    word = title.lower().rstrip(".")
    word = _OFFICE_FORMS.get(word, word)
    return word if word in _OFFICES else None


def holds_other_office(title: str, held: set[str]) -> bool:
    """Is someone with the titles ``held`` known to hold an office other than ``title``'s?"""
    wanted = office(title)
    offices = {o for t in held if (o := office(t)) is not None}
    return wanted is not None and bool(offices) and wanted not in offices
