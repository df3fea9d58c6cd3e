"""Database schema history (Alembic migrations in ``db/migrations``) and the demo builder.

Keep this module light: it is imported on startup to find the migrations folder.
"""
from pathlib import Path

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"
