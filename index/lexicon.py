"""The Swedish Hunspell dictionary (package hunspell-sv) read for its knowledge of words.

- base forms: an inflected form is taken back to its dictionary word through the dictionary's own
  suffix rules read backwards ('insatser' -> 'insats', 'strategin' -> 'strategi', 'ärendet' ->
  'ärende'), plus index/rules/irregular_forms.tsv ('ledamöter' -> 'ledamot');
- compounding: which words may begin a compound (flag X) or end one (flag Y), and the first-part
  forms the suffix rules make for it ('samsjuklighets', 'hälso', 'skol');
- names: words the dictionary writes only with a capital ('Hedemora', 'Lindström');
- how common a word is (wordfreq's Swedish list), to choose between cuts.

Preparing it reads the whole dictionary (several seconds); the prepared lexicon is kept as a pickle
in the user's cache folder ($XDG_CACHE_HOME or ~/.cache, motesarkivet/), once per machine and
dictionary version, and loading that takes a fraction of a second.
"""

from __future__ import annotations

import contextlib
import functools
import os
import pickle
import re
import sys
from dataclasses import dataclass
from importlib import metadata
from pathlib import Path

from . import wordrules

LEXICON_VERSION = "lexicon-3"
MIN_PART = 4  # a shorter part counts only when index/rules/short_parts.tsv lists it
BEGIN, MIDDLE, END, ONLY_IN_COMPOUND = "X", "U", "Y", "Z"
NOUN_FLAGS = frozenset("BCDEFGH")  # the dictionary's noun inflections (verbs have others): 'råd', 'frid' end compounds
UNKNOWN_ZIPF = 1.0  # how common a dictionary word is that wordfreq does not list


@dataclass(frozen=True)
class Rule:
    flag: str
    strip: str
    add: str
    condition: re.Pattern
    continuation: str  # flags of the form the rule makes: X (may begin a compound), U (middle) …


class Lexicon:
    def __init__(self, flags: dict[str, str], names: set[str], rules: list[Rule], zipf: dict[str, float]):
        self.flags = flags  # lower-case dictionary word -> its flags
        self.names = frozenset(names)
        self.zipf = zipf
        self._by_add: dict[str, list[Rule]] = {}
        for rule in rules:
            self._by_add.setdefault(rule.add, []).append(rule)
        self._longest_add = max((len(add) for add in self._by_add), default=0)
        self.modifiers = self._modifier_forms(rules)

    @classmethod
    def load(cls, dic: Path, aff: Path) -> "Lexicon":
        rules = _suffix_rules(aff.read_text(encoding="utf-8"))
        flags: dict[str, str] = {}
        capitalised: set[str] = set()
        for line in dic.read_text(encoding="utf-8").splitlines()[1:]:
            word, _, word_flags = line.strip().partition("/")
            if not word.isalpha():
                continue
            if word[0].isupper():
                capitalised.add(word.lower())
            else:
                flags[word] = sys.intern(flags.get(word, "") + word_flags)  # 2,303 distinct of 251,973: the pickle
                # holds each once and refers to it, and loading it makes 250,000 strings fewer (a tenth of its time)
        return cls(flags, capitalised - flags.keys(), rules, _frequencies(flags))

    # --- base forms ---------------------------------------------------------------------------

    @functools.lru_cache(maxsize=100_000)
    def base_forms(self, form: str) -> tuple[str, ...]:
        """The dictionary words a form is an inflection of (itself when it is one), most common first."""
        found = set()
        if form in self.flags and ONLY_IN_COMPOUND not in self.flags[form]:
            found.add(form)
        irregular = wordrules.irregular_forms().get(form)
        for length in range(min(len(form) - 2, self._longest_add) + 1):
            ending = form[len(form) - length:] if length else ""
            for rule in self._by_add.get(ending, ()):
                base = form[: len(form) - length] + rule.strip
                base_flags = self.flags.get(base)
                if base_flags and rule.flag in base_flags and rule.condition.search(base):
                    found.add(base)
        ordered = sorted(found - {irregular}, key=lambda b: (-self.frequency(b), b))
        return (irregular, *ordered) if irregular else tuple(ordered)

    def frequency(self, word: str) -> float:
        """How common a word is, on wordfreq's Zipf scale (a word a million times in a billion is 6)."""
        return self.zipf.get(word, UNKNOWN_ZIPF)

    # --- compounding --------------------------------------------------------------------------

    def head(self, form: str) -> str | None:
        """The word a form stands for when it ends a compound ('strategin' -> 'strategi'), or None:
        a word the dictionary lets end a compound (flag Y), or a noun it forgot to flag ('råd', 'frid');
        never a verb ('del|tagit') nor a suffix alone ('följ|ande')."""
        if form in wordrules.suffix_heads():
            return None
        bases = [b for b in self.base_forms(form) if _long_enough(form, b)]
        bases += [w for w in (form, form.removesuffix("s")) if w in wordrules.never_split()]  # 'fullmäktige'
        flagged = [b for b in bases if END in self.flags.get(b, "")]
        nouns = [b for b in bases if NOUN_FLAGS.intersection(self.flags.get(b, "")) or b in wordrules.never_split()]
        return (flagged or nouns or [None])[0]

    def modifier(self, form: str) -> str | None:
        """The word a form stands for when it begins a compound or stands inside one
        ('samsjuklighets' -> 'samsjuklighet', 'hälso' -> 'hälsa'), or None. Of two readings
        ('vårds': vårda or vård), the more common word."""
        if form in wordrules.suffix_heads() or form.removesuffix("s") in wordrules.particles():
            return None
        candidates = [self.modifiers.get(form)]
        if form.endswith("s"):
            candidates += [self._linked(form[:-1]), form[:-1] if form in self.modifiers and form[:-1] in self.flags else None]
        elif END in self.flags.get(form, "") and len(form) > MIN_PART:
            candidates.append(form)  # a noun the dictionary did not flag as a first part: 'sluten|vård'
        bases = [b for b in candidates if b and b not in wordrules.particles() and _long_enough(form, b)]
        return max(bases, key=self.frequency, default=None)

    def _linked(self, stem: str) -> str | None:
        """A noun before the linking -s- that the dictionary does not mark: 'nätverks', 'arbets' (arbete)."""
        for base in (stem, stem + "e"):
            if END in self.flags.get(base, "") and not base.endswith("s"):
                return base
        return None

    def _modifier_forms(self, rules: list[Rule]) -> dict[str, str]:
        """Every form that may begin a compound or stand inside one -> its word: words flagged X, the
        forms the suffix rules make with X or U, and index/rules/combining_forms.tsv."""
        forms: dict[str, str] = {}
        makes_modifier = [r for r in rules if BEGIN in r.continuation or MIDDLE in r.continuation]
        by_flag: dict[str, list[Rule]] = {}
        for rule in makes_modifier:
            by_flag.setdefault(rule.flag, []).append(rule)
        for word, word_flags in self.flags.items():
            if BEGIN in word_flags or MIDDLE in word_flags:
                forms.setdefault(word, word)
            for flag in set(word_flags) & by_flag.keys():
                for rule in by_flag[flag]:
                    if word.endswith(rule.strip) and rule.condition.search(word):
                        forms.setdefault(word[: len(word) - len(rule.strip)] + rule.add, word)
        forms.update(wordrules.combining_forms())
        return forms


def _long_enough(form: str, base: str) -> bool:
    short = wordrules.short_parts()
    return len(form) >= MIN_PART and len(base) >= MIN_PART - 1 or base in short or form in short


def _suffix_rules(aff: str) -> list[Rule]:
    rules = []
    for line in aff.splitlines():
        fields = line.split()
        if len(fields) < 5 or fields[0] != "SFX":
            continue
        _sfx, flag, strip, add, condition = fields[:5]
        add, _, continuation = add.partition("/")
        rules.append(Rule(
            flag, "" if strip == "0" else strip, "" if add == "0" else add,
            re.compile("" if condition == "." else f"{condition}$"), continuation,
        ))
    return rules


def _frequencies(words) -> dict[str, float]:
    from wordfreq import get_frequency_dict, zipf_frequency

    listed = get_frequency_dict("sv")
    return {word: zipf_frequency(word, "sv") for word in words if word in listed}


# --- the prepared lexicon, cached --------------------------------------------------------------


def cache_folder() -> Path:
    """Where the prepared lexicon is kept: it depends on the installed packages only, not on an archive."""
    return Path(os.environ.get("XDG_CACHE_HOME") or Path.home() / ".cache") / "motesarkivet"


@functools.lru_cache(maxsize=1)
def lexicon() -> Lexicon:
    dic, aff = dictionary_files()
    stat = dic.stat()
    cached = cache_folder() / f"{LEXICON_VERSION}-{stat.st_size}-{int(stat.st_mtime)}.pickle"
    try:
        with cached.open("rb") as handle:
            return pickle.load(handle)
    except (OSError, pickle.UnpicklingError, EOFError, AttributeError):
        prepared = Lexicon.load(dic, aff)
    temporary = cached.with_suffix(f".{os.getpid()}.tmp")
    try:
        cached.parent.mkdir(parents=True, exist_ok=True)
        with temporary.open("wb") as handle:
            pickle.dump(prepared, handle, protocol=pickle.HIGHEST_PROTOCOL)
        os.replace(temporary, cached)
    except OSError:  # no cache, only slower; a part written on a full disk is not left to fill it
        with contextlib.suppress(OSError):
            temporary.unlink()
    return prepared


def dictionary_files() -> tuple[Path, Path]:
    for file in metadata.files("hunspell-sv") or ():
        if file.name == "sv_SE.dic":
            dic = Path(file.locate()).resolve()
            return dic, dic.with_suffix(".aff")
    raise RuntimeError("the Swedish Hunspell dictionary (package hunspell-sv) is not installed")
