"""The laptop copy's own record (issue 22): a ``.planbord`` file taken from the server to work on
offline (*Meenemen voor offline gebruik*) says where it came from, when, by whom, and the token of
its base: the pristine copy kept beside it in the user's data folder, from which the bring-back
(*Terugzetten naar server*) tells who changed what.

Bookkeeping of the copy, not plan content: never compared or brought back, never copied by the
laptop copy itself. The server address is kept without its password.
"""
from __future__ import annotations

from sqlalchemy import String, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from app.models.base import TABLE_OPTIONS, Base


class Checkout(Base):
    __tablename__ = "checkout"
    __table_args__ = (UniqueConstraint("token"), TABLE_OPTIONS)

    id: Mapped[int] = mapped_column(primary_key=True)
    server: Mapped[str] = mapped_column(String(500))  # postgresql://user@host:port/db, no password
    database: Mapped[str] = mapped_column(String(200))
    taken_on: Mapped[str] = mapped_column(String(40))  # ISO 8601 with its UTC offset
    taken_by: Mapped[str] = mapped_column(String(200))  # user@computer (who_am_i)
    # The server's plan the copy was taken for; None: the whole region. No foreign key: the plan
    # is the server's, and may be deleted there or here meanwhile.
    plan_id: Mapped[int | None] = mapped_column(default=None)
    token: Mapped[str] = mapped_column(String(64))  # names the base file; new at every bring-back
    brought_back_on: Mapped[str] = mapped_column(String(40), default="")  # the last bring-back, or ""
