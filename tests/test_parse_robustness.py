"""The parser's promise: any text gives a Meeting (with warnings), never an exception.

Bounded so that the suite stays fast; issue 6 adds the long run.
"""

import random

from hypothesis import given, settings
from hypothesis import strategies as st

from archive.parse import parse
from tests.conftest import SAMPLES

SAMPLE_LINES = [line for path in SAMPLES.values() for line in path.read_text(encoding="utf-8").splitlines()]


@settings(max_examples=200, deadline=None)
@given(st.text(alphabet=st.characters(blacklist_categories=("Cs",)), max_size=2000))
def test_any_text(text):
    meeting = parse(text, "fuzz.txt")
    assert meeting.id


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(SAMPLE_LINES), max_size=300), st.randoms(use_true_random=False))
def test_shuffled_and_doubled_lines_of_real_minutes(lines, rng: random.Random):
    doubled = lines + rng.sample(lines, k=len(lines) // 3)
    rng.shuffle(doubled)
    meeting = parse("\n".join(doubled), "blandad.txt")
    for item in meeting.all_items():
        assert item.number and isinstance(item.title, str)
