"""Planbord: the Uitvoeringsplan of a Dutch youth-care region, kept in one file."""

__version__ = "0.1.0"
APP_NAME = "Planbord"
ORG_NAME = "Planbord"
