"""The web layer: the FastAPI app factory and its helpers."""

from .app import create_app

__all__ = ["create_app"]
