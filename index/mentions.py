"""Which passages hold a word verbatim, without scanning the corpus: an index of character pairs.

The answer step asks whether the corpus uses a word (`index.mentions`) a dozen times a question; a substring scan
of 80,000 passages costs 13–18 ms a miss. Here each character pair maps to the distinct passage texts holding it;
a word's candidates are the texts holding its two rarest pairs, and only those are searched.
"""

from __future__ import annotations

from bisect import bisect_left
from pathlib import Path

import numpy as np

FILE = "mentions.npz"
_CODE_BITS, _OWNER_BITS = np.uint64(21), np.uint64(22)  # a Unicode code point; a text's position, up to 4,194,303
_CODE_MASK, _OWNER_MASK = np.uint64((1 << 21) - 1), np.uint64((1 << 22) - 1)


def _codes(text: str) -> np.ndarray:
    return np.frombuffer(text.encode("utf-32-le"), dtype=np.uint32).astype(np.uint64)


def _pairs(codes: np.ndarray) -> np.ndarray:
    return (codes[:-1] << np.uint64(32)) | codes[1:]


class MentionIndex:
    """Character pair → the distinct texts (by position in `texts`) that hold it; single characters by a set."""

    def __init__(self, texts: list[str], keys: np.ndarray, offsets: np.ndarray, owners: np.ndarray) -> None:
        self.texts = texts
        self.keys, self.offsets, self.owners = keys, offsets, owners
        self._chars: set[str] | None = None

    @classmethod
    def build(cls, texts: list[str], previous: MentionIndex | None = None) -> MentionIndex:
        """Sorting every pair of the corpus once (some 2.5 s at 80,000 passages): part of a build, not of a query.
        With the `previous` version's index, the texts that stay keep their entries, renumbered, and only the pairs
        of the others are sorted and merged in."""
        if not texts:
            empty = np.zeros(0, np.uint64)
            return cls(texts, empty, np.zeros(1, np.int64), np.zeros(0, np.int32))
        if len(texts) > _OWNER_MASK:  # more texts than 22 bits count: two keys, sorted together (twice as slow)
            return cls(texts, *_sorted_by_two_keys(texts))
        if previous is None:
            return cls(texts, *_unpacked(_packed(texts, np.arange(len(texts)))))
        position = _positions(previous.texts, texts)
        # A text that moved among the others is taken as new, as is one holding a NUL (an index written before
        # the separators' pairs were left out holds them as pairs with a NUL)
        position[~_in_order(position) | np.array(["\x00" in text for text in previous.texts])] = -1
        return cls(texts, *_renumbered(previous, position, texts))

    def save(self, directory: Path) -> None:
        with open(directory / FILE, "wb") as f:
            np.savez(f, keys=self.keys, offsets=self.offsets, owners=self.owners)

    @classmethod
    def load(cls, directory: Path, texts: list[str]) -> MentionIndex:
        with np.load(directory / FILE) as data:
            index = cls(texts, data["keys"], data["offsets"], data["owners"])
        if len(index.owners) and int(index.owners.max()) >= len(texts):
            raise ValueError(f"{directory / FILE} does not match the index's passages")
        return index

    def _posting(self, pair: np.uint64) -> np.ndarray:
        at = int(np.searchsorted(self.keys, pair))
        if at == len(self.keys) or self.keys[at] != pair:
            return self.owners[:0]
        return self.owners[self.offsets[at] : self.offsets[at + 1]]

    def _candidates(self, word: str) -> np.ndarray:
        """The texts holding the word's two rarest pairs (each posting is sorted): a superset of those holding it."""
        postings = sorted((self._posting(p) for p in np.unique(_pairs(_codes(word)))), key=len)
        rarest = postings[0]
        if len(postings) == 1 or not len(rarest):
            return rarest
        other = postings[1]
        at = np.minimum(np.searchsorted(other, rarest), len(other) - 1)
        return rarest[other[at] == rarest]

    def holding(self, word: str) -> list[int]:
        """The positions in `texts` of the texts that hold `word` (of two characters or more)."""
        return [i for i in self._candidates(word).tolist() if word in self.texts[i]]

    def __contains__(self, word: str) -> bool:
        if len(word) < 2:
            if self._chars is None:
                self._chars = set()
                for text in self.texts:  # one text at a time: a set per text at once took 1.2 GB at 80,000
                    self._chars.update(text)
            return not word or word in self._chars
        return any(word in self.texts[i] for i in self._candidates(word).tolist())


def _owned_codes(texts: list[str], owners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The texts' code points, joined by NULs; the owner of the pair each one starts; which pairs are a text's own
    (a pair holding a separator is no text's: it would tie a text's entries to its neighbours)."""
    lengths = np.array([len(t) + 1 for t in texts], dtype=np.int64)
    codes = _codes("\x00".join(texts))
    owner = np.repeat(owners.astype(np.uint64), lengths)[: len(codes) - 1]
    own = np.ones(len(owner), dtype=bool)
    separators = np.cumsum(lengths)[:-1] - 1
    own[separators] = False
    own[separators[separators > 0] - 1] = False
    return codes, owner, own


def _packed(texts: list[str], owners: np.ndarray) -> np.ndarray:
    """Each (pair, owner) of the texts once, as one sorted number: a code point takes 21 bits, an owner 22."""
    if not texts:
        return np.zeros(0, np.uint64)
    codes, owner, own = _owned_codes(texts, owners)
    key = np.sort(((((codes[:-1] << _CODE_BITS) | codes[1:]) << _OWNER_BITS) | owner)[own])
    return key[np.r_[True, key[1:] != key[:-1]]] if len(key) else key


def _entries(key: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Packed entries' pairs (as `keys` holds them) and owners."""
    packed = key >> _OWNER_BITS
    return ((packed >> _CODE_BITS) << np.uint64(32)) | (packed & _CODE_MASK), (key & _OWNER_MASK).astype(np.int32)


def _unpacked(key: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    return _grouped(*_entries(key))


def _sorted_by_two_keys(texts: list[str]) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    codes, owner, own = _owned_codes(texts, np.arange(len(texts)))
    pairs, owner = _pairs(codes)[own], owner[own]
    order = np.lexsort((owner, pairs))
    pairs, owners = pairs[order], owner[order].astype(np.int32)
    first = np.r_[True, (pairs[1:] != pairs[:-1]) | (owners[1:] != owners[:-1])]
    return _grouped(pairs[first], owners[first])


def _grouped(pairs: np.ndarray, owners: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Sorted (pair, owner) entries as the index holds them: distinct pairs, where each one's owners start, owners."""
    starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]]) if len(pairs) else np.zeros(0, np.int64)
    return pairs[starts], np.append(starts, len(pairs)).astype(np.int64), owners


def _positions(old: list[str], new: list[str]) -> np.ndarray:
    """Each old text's position among the new ones, −1 where it is gone."""
    at = {text: i for i, text in enumerate(new)}
    return np.fromiter((at.get(text, -1) for text in old), dtype=np.int64, count=len(old))


def _in_order(position: np.ndarray) -> np.ndarray:
    """The texts (by old position) of a longest run, not necessarily contiguous, whose new positions increase: their
    entries stay sorted when renumbered. Adding or removing documents keeps nearly every text in order; a passage
    that several documents hold moves when the first of them comes or goes."""
    present = np.flatnonzero(position >= 0)
    values = position[present]
    keep = np.zeros(len(position), dtype=bool)
    if np.all(values[1:] > values[:-1]):
        keep[present] = True
        return keep
    tails: list[int] = []  # patience sorting: the smallest last value of an increasing run of each length
    tail_at: list[int] = []
    before: list[int] = []
    for i, value in enumerate(values.tolist()):
        j = bisect_left(tails, value)
        before.append(tail_at[j - 1] if j else -1)
        if j == len(tails):
            tails.append(value)
            tail_at.append(i)
        else:
            tails[j], tail_at[j] = value, i
    i = tail_at[-1]
    while i >= 0:
        keep[present[i]] = True
        i = before[i]
    return keep


def _renumbered(
    previous: MentionIndex, position: np.ndarray, texts: list[str]
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """The next index from the `previous` one: the entries of the texts that stay, renumbered by `position` (which
    keeps their order), with the other texts' entries inserted where they belong. Nothing of the corpus's size is
    sorted, and only arrays of its owners are made (some 16 million at 80,000 passages)."""
    owner = position.astype(np.int32)[previous.owners]
    staying = owner >= 0
    whole = ((previous.keys >> np.uint64(32)) != 0) & ((previous.keys & _CODE_MASK) != 0)
    if not whole.all():  # pairs with a separator, as an index written before they were left out holds them
        staying &= np.repeat(whole, np.diff(previous.offsets))
    kept = owner[staying]
    dropped = np.searchsorted(previous.offsets, np.flatnonzero(~staying), side="right") - 1  # few: count them
    per_key = np.diff(previous.offsets) - np.bincount(dropped, minlength=len(previous.keys))
    taken = np.zeros(len(texts), dtype=bool)
    taken[position[position >= 0]] = True
    fresh = np.flatnonzero(~taken)
    added, added_owners = _entries(_packed([texts[i] for i in fresh.tolist()], fresh))
    keys = np.union1d(previous.keys, added)
    kept_count = np.zeros(len(keys), dtype=np.int64)
    kept_count[np.searchsorted(keys, previous.keys)] = per_key
    kept_start = np.append(0, np.cumsum(kept_count))
    at = np.searchsorted(keys, added)
    owners = np.insert(kept, _searched(kept, kept_start[at], kept_start[at + 1], added_owners), added_owners)
    count = kept_count + np.bincount(at, minlength=len(keys))
    held = count > 0
    return keys[held], np.append(0, np.cumsum(count[held])).astype(np.int64), owners


def _searched(values: np.ndarray, lo: np.ndarray, hi: np.ndarray, targets: np.ndarray) -> np.ndarray:
    """Where each target goes in its sorted slice `values[lo:hi]` (`np.searchsorted` for many slices at once)."""
    lo, hi = lo.copy(), hi.copy()
    while (searching := lo < hi).any():
        mid = (lo + hi) // 2
        below = np.zeros(len(targets), dtype=bool)
        below[searching] = values[mid[searching]] < targets[searching]
        lo = np.where(below, mid + 1, lo)
        hi = np.where(searching & ~below, mid, hi)
    return lo
