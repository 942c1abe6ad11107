"""Errors the theme pipeline raises on purpose, each with a plain message for the person."""

from __future__ import annotations


class ThemesError(Exception):
    """Base class: the CLI prints the message and exits, never a traceback."""


class ThemesInputError(ThemesError):
    """The input file or arguments cannot be themed; the message says what to fix."""


class ModelUnavailableError(ThemesError):
    """An embedding model is not installed or not cached; the message says how to get it."""
