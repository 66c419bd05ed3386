"""What an article submission is, and how it becomes an :class:`~producers.articles.Article`.

Pure apart from the HTML reader. A submission names its article by URL when it has one, so each
new text of a live blog is a new *version* of the same article; without a URL the text itself
names it. HTML is reduced to the article's text by trafilatura, the well-kept extractor that
drops navigation, ads and boilerplate.
"""

from __future__ import annotations

import hashlib
import unicodedata
from datetime import datetime

import msgspec
import trafilatura

from producers.articles import MAX_ARTICLE_BYTES, ArticleError, is_date_only, parse_published

__all__ = [
    "MAX_TEXT_CHARS",
    "Submission",
    "SubmissionError",
    "article_id_for",
    "decode_submission",
    "digest_of",
    "html_to_text",
]

MAX_TEXT_CHARS = MAX_ARTICLE_BYTES
"""The longest text taken, as for article files."""


class SubmissionError(ValueError):
    """The submission cannot be ingested; the message says why, for a 4xx answer."""


class Submission(msgspec.Struct, kw_only=True, forbid_unknown_fields=False):
    """One article as a client sends it to ``POST /api/articles``."""

    text: str
    url: str | None = None
    published: str | None = None
    """``YYYY-MM-DD`` (a day alone) or an ISO 8601 datetime; a naive time is IST."""
    lang: str | None = None
    """``hi`` or ``en``; guessed from the script when absent."""
    outlet: str | None = None
    title: str | None = None


_decoder = msgspec.json.Decoder(Submission)


def decode_submission(body: bytes) -> Submission:
    """Decode and check a JSON submission; raise :class:`SubmissionError` naming the problem."""
    try:
        body.decode("utf-8")
    except UnicodeDecodeError as exc:
        raise SubmissionError(f"body is not UTF-8 (byte {exc.start})") from None
    try:
        submission = _decoder.decode(body)
    except msgspec.ValidationError as exc:
        raise SubmissionError(f"invalid article: {exc}") from None
    except msgspec.DecodeError as exc:
        raise SubmissionError(f"body is not a JSON object: {exc}") from None
    return checked(submission)


def checked(submission: Submission) -> Submission:
    """The submission, if its fields make sense; else :class:`SubmissionError`."""
    if not submission.text.strip():
        raise SubmissionError("field 'text' is empty")
    if len(submission.text) > MAX_TEXT_CHARS:
        raise SubmissionError(f"text is over {MAX_TEXT_CHARS} characters")
    if "\x00" in submission.text:
        raise SubmissionError("text contains a NUL character")
    if submission.lang is not None and submission.lang not in ("hi", "en"):
        raise SubmissionError(f"lang {submission.lang[:10]!r} is not 'hi' or 'en'")
    if submission.url is not None and not submission.url.startswith(("http://", "https://")):
        raise SubmissionError("url must start with http:// or https://")
    try:
        parse_published(submission.published)
    except ArticleError as exc:
        raise SubmissionError(str(exc)) from None
    return submission


def html_to_text(html: str) -> str:
    """The article text of an HTML page (headline and body), or ``""`` when there is none."""
    text = trafilatura.extract(html, include_comments=False, include_tables=True, favor_recall=True)
    return text or ""


def _normal(text: str) -> str:
    return " ".join(unicodedata.normalize("NFC", text).split())


def digest_of(submission: Submission) -> str:
    """Identifies one version: the text (whitespace folded) and what dates or places it."""
    parts = [_normal(submission.text), submission.published or "", submission.lang or ""]
    return hashlib.sha256("\x1f".join(parts).encode()).hexdigest()[:32]


def article_id_for(submission: Submission) -> str:
    """Stable per URL (a live blog keeps its id as it grows), else per text."""
    basis = submission.url or _normal(submission.text)
    return "a" + hashlib.sha256(basis.encode()).hexdigest()[:19]


def published_for(submission: Submission) -> tuple[datetime | None, bool]:
    """The submission's own publication time and whether it is a day alone."""
    return parse_published(submission.published), is_date_only(submission.published)
