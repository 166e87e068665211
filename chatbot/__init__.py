"""Answer questions with citations: one `answer()` behind the CLI, the Gradio UI and the eval runner."""

from __future__ import annotations

from .answer import Answer, Citation, answer
from .settings import Settings

__all__ = ["Answer", "Citation", "Settings", "answer"]
