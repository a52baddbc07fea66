"""Doorstroom: from the social economy to regular work, and the figures to show it."""

__version__ = "0.1.0"
