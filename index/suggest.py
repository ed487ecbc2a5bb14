"""'Menade du …?': a misspelt query word replaced by the closest word of the archive."""

from __future__ import annotations

import re
from dataclasses import replace

from whoosh.spelling import ListCorrector

from .analysis import STOP_WORDS, WORD, fold, stem
from .evaluate import match_text
from .filters import filter_sets
from .query import parse_query
from .results import SearchRequest
from .snapshot import Snapshot

TOKEN_WORDS = re.compile(r"\S+")


def suggestion(snapshot: Snapshot, request: SearchRequest) -> str | None:
    """Each unknown word replaced by the closest archive word, offered only if it finds something."""
    vocabulary = snapshot.vocabulary
    # The sentinel sorts after every word: Whoosh's ListCorrector reads past the end of its list
    # for a word that sorts after the last one (IndexError), and is never near enough to be offered.
    corrector = ListCorrector([*vocabulary.archive_words(), "\uffff"])
    changed, words = False, []
    for match in TOKEN_WORDS.finditer(request.query):
        word = match.group()
        folded = fold(word)
        known = vocabulary.variants().get(stem(folded)) or folded in STOP_WORDS or len(folded) < 4
        if ":" in word or not WORD.fullmatch(word) or known:
            words.append(word)
            continue
        proposals = corrector.suggest(folded, limit=1, maxdist=2)
        if proposals and proposals[0] != folded:
            words.append(proposals[0])
            changed = True
        else:
            words.append(word)
    if not changed:
        return None
    suggested = " ".join(words)
    retried = parse_query(suggested)
    filters, _notes = filter_sets(snapshot, retried, replace(request, query=suggested))
    found = match_text(snapshot.postings, retried)
    return suggested if found and (not filters or set(found).intersection(*filters)) else None
