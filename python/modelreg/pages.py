"""The registry's keyset-paginated lists (``{items, next}``, ``?after=&limit=``): one page, or every page lazily."""

from __future__ import annotations

from typing import Any, Callable, Iterator, Mapping, TypeVar

from . import errors
from ._http import Transport
from .records import Page

__all__ = ["page", "all_items", "MAX_LIMIT"]

T = TypeVar("T")
#: The largest page the registry serves.
MAX_LIMIT = 500


def _same(item: Any) -> Any:
    return item


def page(http: Transport, path: str, query: Mapping[str, Any] | None = None, *, after: str | None = None,
         limit: int | None = None, convert: Callable[[Any], T] = _same) -> Page[T]:
    """One page of a list route; ``after`` is the cursor of the previous page's ``next``."""
    body = http.get(path, {**(query or {}), "after": after, "limit": limit}).json()
    if not isinstance(body, dict) or not isinstance(body.get("items"), list):
        raise errors.ProblemError(200, None, "Unreadable response", f"GET {path} answered a list without items")
    cursor = body.get("next")
    # Cursors are opaque; the audit cursor is a sequence number and may come as a JSON number.
    return Page([convert(item) for item in body["items"]], None if cursor is None else str(cursor))


def all_items(http: Transport, path: str, query: Mapping[str, Any] | None = None, *, limit: int | None = None,
              convert: Callable[[Any], T] = _same) -> Iterator[T]:
    """Every item of a list, page after page; the next page is fetched only when iteration reaches it."""
    after: str | None = None
    while True:
        current = page(http, path, query, after=after, limit=limit, convert=convert)
        yield from current.items
        if current.next is None:
            return
        if current.next == after:
            # A server bug would otherwise make this loop forever.
            raise errors.ProblemError(200, None, "Pagination loop",
                                      f"GET {path} answered the cursor {after} with the same cursor")
        after = current.next
