"""Use cases over the domain model. Pure Python: no Qt (import-linter enforces it)."""
