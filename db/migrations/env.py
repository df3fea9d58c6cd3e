"""Alembic environment for Planbord workspaces.

The program passes an open connection in ``config.attributes["connection"]``
(see app/services/migrations.py); the command line uses ``-x url=...`` or
sqlalchemy.url from db/alembic.ini. ``render_as_batch``: SQLite cannot ALTER
most things, so migrations rebuild tables in batch mode.
"""
from __future__ import annotations

from alembic import context
from sqlalchemy import create_engine, pool
from sqlalchemy.types import TypeDecorator

from app.models import Base

config = context.config
target_metadata = Base.metadata


def _url() -> str:
    return context.get_x_argument(as_dictionary=True).get("url") or config.get_main_option("sqlalchemy.url")


def _render_item(type_, obj, autogen_context):
    # Write Money/ScaledDecimal as their storage type (BIGINT), so a migration
    # never imports app code that may change after it was written.
    if type_ == "type" and isinstance(obj, TypeDecorator):
        return f"sa.{type(obj.impl_instance).__name__}()"
    return False


def _configure(**kwargs) -> None:
    context.configure(target_metadata=target_metadata, render_as_batch=True, compare_type=True,
                      render_item=_render_item, **kwargs)


def run_migrations_offline() -> None:
    _configure(url=_url(), literal_binds=True, dialect_opts={"paramstyle": "named"})
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    connection = config.attributes.get("connection")
    if connection is not None:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()
        return
    engine = create_engine(_url(), poolclass=pool.NullPool)
    with engine.connect() as connection:
        _configure(connection=connection)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
