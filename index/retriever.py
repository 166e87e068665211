"""The index as a LangChain retriever, for callers that compose LangChain pipelines."""

from __future__ import annotations

from typing import Any

from langchain_core.callbacks import CallbackManagerForRetrieverRun
from langchain_core.documents import Document
from langchain_core.retrievers import BaseRetriever


class PolicyRetriever(BaseRetriever):
    """Hybrid, place-aware retrieval over a loaded `Index`."""

    index: Any
    k: int = 5
    doc: str | None = None
    place: str | None = None

    def _get_relevant_documents(self, query: str, *, run_manager: CallbackManagerForRetrieverRun) -> list[Document]:
        hits = self.index.retrieve(query, self.k, doc=self.doc, place=self.place)
        return [
            Document(page_content=h.chunk.text, metadata={**h.chunk.metadata(), "score": h.score}) for h in hits
        ]
