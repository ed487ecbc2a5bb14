"""The cost of one query is bounded whatever it is, and an answer already given never waits for one
being computed. Real index of the sample archive; costs are measured by scripts/load.py, not here."""

from __future__ import annotations

import threading

from click.testing import CliRunner

from index.search import SearchIndex, SearchRequest
from scripts.cli import main

UNKNOWN = "äbcclåfxzv jitgtbsvfn mzxäqlroq öbäalo mnööqf fhhafkfe qlqvrföo nxqylzsllä "


def test_a_cli_search_of_ten_thousand_words_is_cut_before_any_work(sample_index):
    """Issue 16, defect 10: `arkiv search` with 10,000 words took 40 s: the spelling help checked every
    word, though the search used only the first 32. The query is cut to 500 characters first."""
    words = (UNKNOWN * 1250).split()
    result = CliRunner().invoke(main, ["search", "--index", str(sample_index), *words], catch_exceptions=False)
    assert result.exit_code == 0
    assert result.output.startswith("0 träffar för 'äbcclåfxzv")
    assert "Obs: frågan är lång: bara de första 500 tecknen används" in result.output


def test_prefixes_share_a_bounded_number_of_words_and_say_so(sample_index):
    index = SearchIndex(sample_index)
    alone = index.search(SearchRequest("ko*", limit=100))
    assert alone.total > 0 and not any("börjar för många ord" in note for note in alone.notes)
    many = "st* sa* ko* re* in* be* fö* ut* ar* ve* mö* pl* an* av* de* er* ge* gr* ha* hä* la* li* ma* me*"
    notes = index.search(SearchRequest(many)).notes
    assert [note for note in notes if "börjar för många ord" in note] == [
        "st*, sa*, ko*, re*, in* … börjar för många ord: de 8 vanligaste används"]


def test_a_word_given_many_times_is_searched_once(sample_index):
    index = SearchIndex(sample_index)
    once = index.search(SearchRequest("vård", limit=100))
    many = index.search(SearchRequest(" ".join(["vård"] * 40), limit=100))
    assert many.total == once.total and [h.id for h in many.hits] == [h.id for h in once.hits]


def test_a_kept_answer_is_given_while_another_query_is_being_computed(sample_index):
    """Issue 16: one global search lock made answers already cached wait for slow uncached queries
    (a normal query went from 2 ms to 569 ms under two clients sending garbage)."""
    index = SearchIndex(sample_index)
    request = SearchRequest("samsjuklighet")
    kept = index.search(request)
    answered = []
    with index._live.current() as view, view.lock:  # as a query being computed holds it
        reader = threading.Thread(target=lambda: answered.append(index.search(request)))
        reader.start()
        reader.join(timeout=30)
        assert answered == [kept]
