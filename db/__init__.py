"""Schema history (Alembic migrations) and the demo data builder."""
