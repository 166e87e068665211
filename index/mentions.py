"""Which passages hold a word verbatim, without scanning the corpus: an index of character pairs.

The answer step asks whether the corpus uses a word (`index.mentions`) a dozen times a question; a substring scan
of 80,000 passages costs 13–18 ms a miss. Here each character pair maps to the distinct passage texts holding it;
a word's candidates are the texts holding its two rarest pairs, and only those are searched.
"""

from __future__ import annotations

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
    def build(cls, texts: list[str]) -> MentionIndex:
        """Sorting every pair of the corpus once (some 2.5 s at 80,000 passages): part of a build, not of a query."""
        if not texts:
            empty = np.zeros(0, np.uint64)
            return cls(texts, empty, np.zeros(1, np.int64), np.zeros(0, np.int32))
        joined = "\x00".join(texts)  # a pair across two texts holds the separator, which no word does
        codes = _codes(joined)
        owner = np.repeat(np.arange(len(texts), dtype=np.uint64), [len(t) + 1 for t in texts])[: len(codes) - 1]
        if len(texts) <= _OWNER_MASK:
            # (pair, owner) as one number, sorted once: a code point takes 21 bits, a text's position 22
            key = np.sort((((codes[:-1] << _CODE_BITS) | codes[1:]) << _OWNER_BITS) | owner)
            key = key[np.r_[True, key[1:] != key[:-1]]]  # each pair once per text
            packed, owners = key >> _OWNER_BITS, (key & _OWNER_MASK).astype(np.int32)
            pairs = ((packed >> _CODE_BITS) << np.uint64(32)) | (packed & _CODE_MASK)
        else:  # more texts than 22 bits count: two keys, sorted together (twice as slow)
            pairs = _pairs(codes)
            order = np.lexsort((owner, pairs))
            pairs, owners = pairs[order], owner[order].astype(np.int32)
            first = np.r_[True, (pairs[1:] != pairs[:-1]) | (owners[1:] != owners[:-1])]
            pairs, owners = pairs[first], owners[first]
        starts = np.flatnonzero(np.r_[True, pairs[1:] != pairs[:-1]])
        return cls(texts, pairs[starts], np.append(starts, len(pairs)).astype(np.int64), owners)

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
