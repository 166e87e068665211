"""Data derived from an index once, kept as long as the index is."""

from __future__ import annotations

import weakref
from collections.abc import Callable
from typing import TypeVar

from index import Index

T = TypeVar("T")


def per_index(build: Callable[[Index], T]) -> Callable[[Index], T]:
    """`build(index)` once per index, forgotten with it (an index a rebuild replaced is not kept alive)."""
    made: weakref.WeakKeyDictionary[Index, T] = weakref.WeakKeyDictionary()

    def cached(index: Index) -> T:
        if index not in made:
            made[index] = build(index)
        return made[index]

    return cached
