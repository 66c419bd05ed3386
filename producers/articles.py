"""News articles as values: a file on disk becomes an :class:`Article`, or a clear error.

Two file shapes are read. A ``.json`` article carries ``id``, ``lang``, ``published``,
``outlet``, ``url`` and ``text`` (see ``data/articles/``). Any other file is plain UTF-8
text; its id is the file name's stem and its language is guessed from the script.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import date, datetime, time, timedelta, timezone
from pathlib import Path
from typing import Any, Literal

__all__ = [
    "IST",
    "MAX_ARTICLE_BYTES",
    "Article",
    "ArticleError",
    "guess_lang",
    "is_date_only",
    "load_article",
    "parse_published",
]

IST = timezone(timedelta(hours=5, minutes=30), "IST")
"""Indian Standard Time: every article date without an offset is read in IST."""

MAX_ARTICLE_BYTES = 2 * 1024 * 1024
"""Files above 2 MiB are refused: a news article is a few kilobytes, so a bigger file is
a wrong path or a dump, and reading it would only slow a live run down."""

Lang = Literal["hi", "en"]


class ArticleError(ValueError):
    """A file that cannot be read as an article; the message names the file and the reason."""


@dataclass(frozen=True, slots=True)
class Article:
    """One news article: its text and where it came from."""

    id: str
    lang: Lang
    text: str
    published: datetime | None = None
    """Timezone-aware (IST when the source gave no offset); None when the article is undated."""
    date_only: bool = False
    """True when the source gave a publication day and no clock time: ``published`` is that
    day's midnight IST, which orders events but is never shown as a time."""
    outlet: str | None = None
    url: str | None = None


def guess_lang(text: str) -> Lang:
    """Hindi when Devanagari letters make up at least a fifth of the letters, else English."""
    deva = sum(1 for ch in text if "\u0900" <= ch <= "\u097f")
    letters = sum(1 for ch in text if ch.isalpha())
    return "hi" if letters and deva * 5 >= letters else "en"


def parse_published(value: str | None) -> datetime | None:
    """Read ``YYYY-MM-DD`` or an ISO datetime; a date means midnight IST, a naive time is IST.

    Raises:
        ArticleError: the value is neither.
    """
    if value is None or value == "":
        return None
    try:
        if len(value) == 10:
            return datetime.combine(date.fromisoformat(value), time(0, 0), IST)
        parsed = datetime.fromisoformat(value)
    except ValueError:
        raise ArticleError(f"published {value!r} is not YYYY-MM-DD or an ISO datetime") from None
    return parsed if parsed.tzinfo else parsed.replace(tzinfo=IST)


def is_date_only(value: str | None) -> bool:
    """True for a ``YYYY-MM-DD`` value: a day the source gave without a clock time."""
    return value is not None and len(value) == 10


def _read_text(path: Path) -> str:
    try:
        size = path.stat().st_size
    except FileNotFoundError:
        raise ArticleError(f"{path}: no such file") from None
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    if not path.is_file():
        raise ArticleError(f"{path}: not a regular file")
    if size > MAX_ARTICLE_BYTES:
        raise ArticleError(f"{path}: {size} bytes is over the {MAX_ARTICLE_BYTES}-byte limit")
    try:
        raw = path.read_bytes()
    except OSError as exc:
        raise ArticleError(f"{path}: cannot read ({exc.strerror})") from None
    if b"\x00" in raw:
        raise ArticleError(f"{path}: binary content (NUL bytes), not text")
    try:
        text = raw.decode("utf-8-sig")
    except UnicodeDecodeError as exc:
        raise ArticleError(f"{path}: not UTF-8 (bad byte at offset {exc.start})") from None
    if not text.strip():
        raise ArticleError(f"{path}: empty file")
    return text


def _from_json(path: Path, text: str) -> Article:
    try:
        data: Any = json.loads(text)
    except json.JSONDecodeError as exc:
        raise ArticleError(f"{path}: not valid JSON ({exc.msg} at line {exc.lineno})") from None
    if not isinstance(data, dict):
        raise ArticleError(f"{path}: a JSON article must be an object")
    body = data.get("text")
    if not isinstance(body, str) or not body.strip():
        raise ArticleError(f"{path}: field 'text' is missing or empty")
    lang = data.get("lang") or guess_lang(body)
    if lang not in ("hi", "en"):
        raise ArticleError(f"{path}: lang {lang!r} is not 'hi' or 'en'")
    for field in ("id", "outlet", "url", "published"):
        if data.get(field) is not None and not isinstance(data[field], str):
            raise ArticleError(f"{path}: field {field!r} must be a string or null")
    return Article(
        id=data.get("id") or path.stem,
        lang=lang,
        text=body,
        published=parse_published(data.get("published")),
        date_only=is_date_only(data.get("published")),
        outlet=data.get("outlet"),
        url=data.get("url"),
    )


def load_article(
    path: str | Path,
    *,
    published: datetime | None = None,
    lang: Lang | None = None,
    date_only: bool = False,
) -> Article:
    """Read one article file; ``published`` (a day alone when ``date_only``) and ``lang``
    override what the file says.

    Raises:
        ArticleError: missing, empty, binary, non-UTF-8, over :data:`MAX_ARTICLE_BYTES`, or a
            JSON article with bad fields.
    """
    path = Path(path)
    text = _read_text(path)
    if path.suffix.lower() == ".json":
        article = _from_json(path, text)
    else:
        article = Article(id=path.stem, lang=guess_lang(text), text=text)
    if published is not None or lang is not None:
        article = Article(
            id=article.id,
            lang=lang or article.lang,
            text=article.text,
            published=published or article.published,
            date_only=date_only if published is not None else article.date_only,
            outlet=article.outlet,
            url=article.url,
        )
    return article
