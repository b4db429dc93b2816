"""Referat Desktop: an offline editor for the agendas and minutes of a municipal board."""

__version__ = "0.1.0"
