"""Hypothesis: extraction never raises, and every span points into its own sentence."""

from __future__ import annotations

from datetime import datetime

from hypothesis import given, settings
from hypothesis import strategies as st

from producers.articles import IST, Article
from producers.extraction import extract_events, extract_facts

WORDS = [
    *["बीजेपी", "कांग्रेस", "'आप'", "सीटों", "पर", "आगे", "जीत", "ने", "हरियाणा", "में", "एक भी सीट"],
    *["BJP", "Congress", "won", "leads", "in", "seats", "Haryana", "Doda", "seat", "by", "votes"],
    *["4,538", "१५८", "तीन", "12", "2019", "exit", "poll", ",", ".", "।", "\n", "blanked"],
]
NOW = datetime(2024, 10, 8, 12, 0, tzinfo=IST)


def article(text: str) -> Article:
    return Article(id="x", lang="hi", text=text, published=datetime(2024, 10, 8, tzinfo=IST))


@settings(max_examples=150, deadline=None)
@given(st.text(max_size=400))
def test_arbitrary_unicode_never_raises(text):
    for event in extract_events(article(text), ingest_time=NOW):
        start, end = event.source.span
        assert 0 <= start < end <= len(event.source.sentence)


@settings(max_examples=150, deadline=None)
@given(st.lists(st.sampled_from(WORDS), max_size=40).map(" ".join))
def test_spans_index_the_claimed_sentence(text):
    for fact in extract_facts(article(text)):
        start, end = fact.span
        assert 0 <= start < end <= len(fact.sentence)
        assert fact.sentence in text
        assert fact.sentence[start:end].strip()


def test_event_ids_are_deterministic():
    text = "गुजरात में बीजेपी 158 सीटों पर आगे चल रही है."
    first = extract_events(article(text), ingest_time=NOW)
    again = extract_events(article(text), ingest_time=datetime(2030, 1, 1, tzinfo=IST))
    assert [e.event_id for e in first] == [e.event_id for e in again]
    assert len(first) == 1
