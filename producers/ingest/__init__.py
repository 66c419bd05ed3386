"""The live ingest service: articles and official results as they arrive, into Kafka.

``python -m producers.ingest`` runs an HTTP API (``api.py``), a folder watch (``watch.py``), RSS
and Atom feeds (``feeds.py``) and official results polls (``results.py``), all feeding one
:class:`~producers.ingest.service.Ingestor`, which versions each article, extracts it with the
same extractor as the replay and publishes the facts with the same publisher. What it has seen
is kept in a small SQLite file (``store.py``), so a restart republishes nothing.
See docs/ingest.md.
"""
