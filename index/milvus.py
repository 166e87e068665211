"""Passage vectors in Milvus: one collection per index version, and an alias per index home switched to the current one.

The URI is a Milvus Lite file (`./milvus.db`, no server) or a Milvus standalone/cluster address
(`http://host:19530`, credentials as `http://user:password@host:19530`). pymilvus is imported here only.
Collections are named `policyqa_<home hash>_<version>`; the alias `policyqa_<home hash>` names the current one.
"""

from __future__ import annotations

import hashlib
import json
import re
import threading
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

import numpy as np

from ingest import Chunk

from . import store
from .store import IndexStoreError, Manifest

TOPK_MAX = 16384  # Milvus's largest `limit` for one search
_BATCH = 4096  # rows per insert or query: some 8 MB of 512-d vectors, well under gRPC's message limit
_NAME = re.compile(r"[^0-9A-Za-z_]")
_clients: dict[str, object] = {}
_clients_lock = threading.Lock()


def _split(uri: str) -> tuple[str, str, str]:
    """(address to connect to, token, address to record): a server URI's credentials go in the token, never on disk."""
    parts = urlsplit(uri)
    if parts.scheme in ("http", "https", "tcp", "grpc"):
        token = f"{parts.username}:{parts.password}" if parts.username else ""
        host = parts.hostname + (f":{parts.port}" if parts.port else "")
        address = urlunsplit((parts.scheme, host, parts.path, "", ""))
        return address, token, address
    lite = str(Path(uri).expanduser().resolve())
    return lite, "", lite


def _client(uri: str):
    """One client per URI and process: Milvus Lite runs one local server per file."""
    address, token, _ = _split(uri)
    with _clients_lock:
        if address not in _clients:
            try:
                from pymilvus import MilvusClient
            except ImportError as exc:
                raise IndexStoreError(
                    "使用 Milvus 向量存储需要先安装：pip install 'policyqa[milvus]'（pymilvus 与 milvus-lite）"
                ) from exc
            lite = not address.startswith(("http", "tcp", "grpc"))
            if lite:
                Path(address).parent.mkdir(parents=True, exist_ok=True)
            try:
                _clients[address] = MilvusClient(uri=address, token=token)
            except Exception as exc:  # noqa: BLE001 - connection and Lite start-up fail in their own ways
                hint = "（Milvus Lite 的文件同一时间只能由一个进程打开：另一个 policyqa 进程是否正在使用它？）" if lite else ""
                raise IndexStoreError(f"无法连接 Milvus {address}：{exc}{hint}") from exc
        return _clients[address]


def alias_of(home: Path) -> str:
    """The alias naming an index home's current collection; homes sharing one Milvus never collide."""
    return "policyqa_" + hashlib.sha256(str(home.resolve()).encode()).hexdigest()[:12]


def collection_of(home: Path, version_name: str) -> str:
    """A version's collection: Milvus names hold only letters, digits and underscores."""
    return f"{alias_of(home)}_{_NAME.sub('_', version_name)}"


def _quoted(values: list[str]) -> str:
    """A Milvus list literal: JSON's escaping of `"` and `\\` is the expression language's own."""
    return json.dumps(values, ensure_ascii=False)


def expression(docs: list[str] | None, places: list[str] | None) -> str:
    """The doc/place filter as a Milvus boolean expression (`doc in ["a.txt"] and place in ["洪江区"]`)."""
    terms = [f"{field} in {_quoted(values)}" for field, values in (("doc", docs), ("place", places)) if values]
    return " and ".join(terms)


class MilvusVectors:
    """A version's collection, loaded for search."""

    def __init__(self, client, collection: str) -> None:
        self.client, self.collection = client, collection
        client.load_collection(collection)
        fields = client.describe_collection(collection)["fields"]
        self.d = int(next(f["params"]["dim"] for f in fields if f["name"] == "vector"))
        self.ntotal = int(client.query(collection, filter="", output_fields=["count(*)"])[0]["count(*)"])

    def scores(
        self,
        query: np.ndarray,
        docs: list[str] | None = None,
        places: list[str] | None = None,
        mask: np.ndarray | None = None,
    ) -> np.ndarray:
        """Milvus returns only the passages the filter allows (those of `mask`, when the caller has it), at most
        `TOPK_MAX`; any passage it does not return scores as low as the lowest it did, so it ranks below every one
        returned. A search's cost grows with its limit (238 ms for 7,783 results, 19 ms for 512): a question confined
        to one place asks for that place's passages, not for the whole corpus's."""
        found = self.client.search(
            self.collection,
            data=[query.astype(np.float32).tolist()],
            limit=max(1, min(self.ntotal if mask is None else int(mask.sum()), TOPK_MAX)),
            filter=expression(docs, places),
            output_fields=["id"],
            search_params={"metric_type": "IP"},
        )[0]
        ids = np.array([h["id"] for h in found], dtype=np.int64)
        cosines = np.array([h["distance"] for h in found], dtype=np.float32)
        out = np.full(self.ntotal, cosines.min() if len(cosines) else 0.0, dtype=np.float32)
        out[ids] = cosines
        return out

    def rows(self, ids: list[int]) -> np.ndarray:
        found = self.client.query(self.collection, filter=f"id in {list(map(int, ids))}", output_fields=["vector"])
        by_id = {int(r["id"]): r["vector"] for r in found}
        return np.array([by_id[i] for i in ids], dtype=np.float32).reshape(len(ids), self.d)

    def vectors(self) -> np.ndarray:
        parts = [self.rows(list(range(s, min(s + _BATCH, self.ntotal)))) for s in range(0, self.ntotal, _BATCH)]
        return np.concatenate(parts) if parts else np.zeros((0, self.d), np.float32)

    def problems(self, version: Path) -> list[str]:
        """The alias must name this collection while this version is current."""
        home = version.parent.parent
        if store.pointer_name(home) != version.name:
            return []
        alias = alias_of(home)
        target = _alias_target(self.client, alias)
        if target != self.collection:
            return [f"Milvus 别名 {alias} 指向 {target or '（不存在）'}，当前版本的集合是 {self.collection}"]
        return []


def _alias_target(client, alias: str) -> str:
    if alias not in client.list_aliases().get("aliases", []):
        return ""
    return client.describe_alias(alias)["collection_name"]


class Milvus:
    """Vectors in a Milvus collection per version; exact inner-product search (FLAT) on normalized vectors."""

    kind = "milvus"

    def __init__(self, uri: str) -> None:
        self.uri = uri
        self.public_uri = _split(uri)[2]

    def write(self, staged: Path, vectors: np.ndarray, chunks: list[Chunk]) -> str:
        from pymilvus import DataType, MilvusClient

        client = _client(self.uri)
        name = collection_of(staged.parent.parent, store.published_name(staged))
        schema = MilvusClient.create_schema(auto_id=False, enable_dynamic_field=False)
        schema.add_field("id", DataType.INT64, is_primary=True)  # the passage's position in chunks.jsonl
        schema.add_field("vector", DataType.FLOAT_VECTOR, dim=int(vectors.shape[1]))
        schema.add_field("doc", DataType.VARCHAR, max_length=1024)
        schema.add_field("place", DataType.VARCHAR, max_length=1024)
        params = client.prepare_index_params()
        params.add_index(field_name="vector", index_type="FLAT", metric_type="IP")
        try:
            if client.has_collection(name):  # left by a writer killed before it published this very name
                client.drop_collection(name)
            client.create_collection(name, schema=schema, index_params=params, consistency_level="Strong")
            for start in range(0, len(chunks), _BATCH):
                rows = [
                    {"id": i, "vector": vectors[i].tolist(), "doc": chunks[i].doc, "place": chunks[i].place}
                    for i in range(start, min(start + _BATCH, len(chunks)))
                ]
                client.insert(name, rows)
            client.flush(name)
        except Exception as exc:  # noqa: BLE001 - pymilvus raises its own errors and gRPC's
            raise IndexStoreError(f"向 Milvus {self.public_uri} 写入集合 {name} 失败：{exc}") from exc
        return name

    def published(self, home: Path, version: Path) -> None:
        """Switch the home's alias to the new collection in one step, then drop collections of versions no longer on
        disk (pruned, or left by an interrupted writer)."""
        client = _client(self.uri)
        alias, current = alias_of(home), collection_of(home, version.name)
        if _alias_target(client, alias):
            client.alter_alias(current, alias)
        else:
            client.create_alias(current, alias)
        kept = {collection_of(home, p.name) for p in (home / "versions").iterdir()}
        for name in client.list_collections():
            if name.startswith(f"{alias}_") and name not in kept:
                client.drop_collection(name)

    def open(self, version: Path, manifest: Manifest) -> MilvusVectors:
        try:
            return MilvusVectors(_client(self.uri), manifest.collection)
        except IndexStoreError:
            raise
        except Exception as exc:  # noqa: BLE001 - a missing collection, a server gone: pymilvus's errors or gRPC's
            raise IndexStoreError(f"无法打开 Milvus {self.public_uri} 中的集合 {manifest.collection}：{exc}") from exc
