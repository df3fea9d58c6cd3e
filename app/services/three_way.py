"""Three-way comparison of whole workspaces (issue 22, the laptop copy): the base (the data as
checked out), mine (the laptop file as edited offline) and theirs (the server now).

The copy kept every id, so a row that existed at the check-out has the same id on all three:
it is compared column by column. Rows made since have ids of their own side only (the laptop and
the server may both have made a row 9001: two different rows), so they are told apart by side:
a row's *logical key* is its id when the base has it, else ``("mine", id)`` or ``("theirs", id)``;
an association row (its key is its foreign keys) is keyed by the logical keys it joins. Foreign
key values are read as logical keys too, so a row added offline under a row added offline is
followed to it.

A row made anew for a row removed on the same side (a budget cell cleared and typed again gets a
new id) is the same row to the user: a new row that has the unique key (``line_id, year``) of a
base row gone from its side takes that row's key; a row added offline with the unique key of a
row added on the server is the same row added twice.

Per row and column: changed only offline -> applied; changed only on the server -> kept; changed on
both to different values -> a conflict offering both; to the same value -> nothing. Rows deleted
offline are deleted unless the server changed them (or added rows under them) meanwhile; rows
changed offline but deleted on the server come back only when the user says so. Both of those
are decided for a whole subtree at once (a budget line and its cells), so a choice never half
applies.
"""
from __future__ import annotations

import hashlib
from collections.abc import Hashable, Iterable
from dataclasses import dataclass, field
from functools import lru_cache

from sqlalchemy import Table, UniqueConstraint, delete, insert, select, update

from app.models import Base

Key = Hashable
MINE, THEIRS = "mine", "theirs"

# Tables that are bookkeeping, never brought back: the copy's own record, and the change log (each
# side logs its own edits; the log is for naming who changed what on that side, not plan content).
SKIPPED_TABLES = frozenset({"checkout", "change_log"})

# Derived from the tree's order (app.services.project_edit.renumber): never compared; the plans whose
# tree was written are renumbered after the bring-back.
DERIVED = frozenset({("chapter", "number"), ("project", "number")})

# What the kinds of conflict offer (the choices' meaning for each kind).
VALUE, DELETED_OFFLINE, DELETED_ON_SERVER, ADDED_TWICE = "waarde", "offline verwijderd", "op server verwijderd", \
    "dubbel toegevoegd"


def compared_tables() -> list[Table]:
    """Every table that holds plan or region data, parents first."""
    return [t for t in Base.metadata.sorted_tables if t.name not in SKIPPED_TABLES]


def table(name: str) -> Table:
    return Base.metadata.tables[name]


def has_own_id(t: Table) -> bool:
    """A table keyed by its own ``id`` (not by the foreign keys it joins)."""
    pk = list(t.primary_key.columns)
    return len(pk) == 1 and pk[0].name == "id" and not pk[0].foreign_keys


def references(t: Table) -> dict[str, str]:
    """column -> the table it refers to (every foreign key here is one column to an ``id``)."""
    return {fk.parent.name: fk.column.table.name for fk in t.foreign_keys}


def cascade_parents(t: Table) -> list[tuple[str, str]]:
    """(column, parent table) of the foreign keys that take the row along when the parent goes."""
    return [(fk.parent.name, fk.column.table.name) for fk in t.foreign_keys
            if (fk.ondelete or "").upper() == "CASCADE"]


def unique_keys(t: Table) -> list[tuple[str, ...]]:
    return [tuple(c.name for c in con.columns) for con in t.constraints if isinstance(con, UniqueConstraint)]


def sort_key(key: Key) -> tuple:
    """Rows in the order they were made: the base's by id, then each side's added ones by id."""
    if isinstance(key, tuple) and key and key[0] in (MINE, THEIRS):
        return (1, key[0], key[1])
    if isinstance(key, tuple):
        return (2, tuple(sort_key(k) for k in key))
    return (0, key) if isinstance(key, int) else (3, repr(key))


def key_text(key: Key) -> str:
    """A logical key as a stable word: 12, mijn-12, server-12, 3-7."""
    if isinstance(key, tuple) and key and key[0] in (MINE, THEIRS):
        return f"{'mijn' if key[0] == MINE else 'server'}-{key[1]}"
    if isinstance(key, tuple):
        return "-".join(key_text(k) for k in key)
    return str(key)


# --- reading ------------------------------------------------------------------------------------

RawRows = dict[str, dict[tuple, dict]]  # table -> primary key -> row


def read_rows(connection) -> RawRows:
    """Every row of every compared table, by primary key, values as the models read them."""
    raw: RawRows = {}
    for t in compared_tables():
        pk = [c.name for c in t.primary_key.columns]
        raw[t.name] = {tuple(row[c] for c in pk): dict(row) for row in connection.execute(select(t)).mappings()}
    return raw


@dataclass
class Side:
    """One side's rows by logical key, foreign keys as logical keys; and each row's own primary key."""

    rows: dict[str, dict[Key, dict]] = field(default_factory=dict)
    physical: dict[str, dict[Key, tuple]] = field(default_factory=dict)

    def get(self, table_name: str, key: Key) -> dict | None:
        return self.rows.get(table_name, {}).get(key)


def base_side(raw: RawRows) -> Side:
    return _logical(raw, None, "", None)


def other_side(raw: RawRows, base: Side, tag: str, added_elsewhere: Side | None = None) -> Side:
    """``raw`` in the base's terms; ``added_elsewhere``: the other side, whose added rows a row
    added here may be the same as (same unique key)."""
    return _logical(raw, base, tag, added_elsewhere)


def _logical(raw: RawRows, base: Side | None, tag: str, elsewhere: Side | None) -> Side:
    side = Side()
    ids: dict[str, dict[tuple, Key]] = {}  # table -> physical key -> logical key
    for t in compared_tables():
        refs = references(t)
        own = {c: r for c, r in refs.items() if r == t.name}
        rows = {pk: _translated(row, refs, ids, skip=own) for pk, row in raw[t.name].items()}
        keys = _keys_of(t, rows, base, tag, elsewhere)
        ids[t.name] = keys
        for pk, row in rows.items():  # a tree's rows point at rows of their own table
            for column in own:
                row[column] = _logical_value(ids[t.name], row[column])
        side.rows[t.name] = {keys[pk]: row for pk, row in rows.items()}
        side.physical[t.name] = {keys[pk]: pk for pk in rows}
    return side


def _logical_value(keys: dict[tuple, Key], value):
    if value is None:
        return None
    return keys.get((value,), ("?", value))  # "?": a dangling reference, never equal to a real row


def _translated(row: dict, refs: dict[str, str], ids, skip) -> dict:
    out = dict(row)
    for column, parent in refs.items():
        if column not in skip:
            out[column] = _logical_value(ids[parent], row[column])
    return out


def _keys_of(t: Table, rows: dict[tuple, dict], base: Side | None, tag: str, elsewhere: Side | None):
    pk_columns = [c.name for c in t.primary_key.columns]
    if not has_own_id(t):  # an association: known by what it joins
        return {pk: tuple(rows[pk][c] for c in pk_columns) for pk in rows}
    if base is None:
        return {pk: pk[0] for pk in rows}
    known = base.rows[t.name]
    keys = {pk: pk[0] for pk in rows if pk[0] in known}
    matches = _unique_matches(t, rows, known, set(keys.values()), elsewhere)
    for pk in rows:
        if pk not in keys:
            keys[pk] = matches.get(pk, (tag, pk[0]))
    return keys


def _unique_matches(t: Table, rows, known: dict[Key, dict], present: set, elsewhere: Side | None) -> dict:
    """New rows that are a base row gone from this side, or a row the other side added, by a
    unique key ("the cell of line 12 in 2023")."""
    new = sorted(pk for pk in rows if pk[0] not in known)
    if not new or not unique_keys(t):
        return {}
    candidates: dict[tuple, Key] = {}
    for columns in unique_keys(t):
        for key, row in known.items():
            if key not in present:
                _index(candidates, columns, row, key)
        if elsewhere is not None:
            for key, row in elsewhere.rows[t.name].items():
                if isinstance(key, tuple) and key[0] == THEIRS:
                    candidates.setdefault((columns, *(row[c] for c in columns)), key)
    matches, taken = {}, set()
    for pk in new:
        row = rows[pk]
        for columns in unique_keys(t):
            found = candidates.get((columns, *(row[c] for c in columns)))
            if found is not None and found not in taken and None not in (row[c] for c in columns):
                matches[pk] = found
                taken.add(found)
                break
    return matches


def _index(candidates: dict, columns, row: dict, key: Key) -> None:
    values = tuple(row[c] for c in columns)
    if None not in values:
        candidates.setdefault((columns, *values), key)


# --- comparing ----------------------------------------------------------------------------------

@dataclass
class Change:
    """One offline change to apply: a row added ("nieuw"), columns changed ("gewijzigd") or a row
    deleted ("verwijderd")."""

    kind: str
    table: str
    key: Key
    values: dict  # nieuw: the whole row; gewijzigd: the changed columns' offline values
    before: dict = field(default_factory=dict)  # gewijzigd: the same columns as checked out
    text: str = ""  # Dutch, for the user (merge_labels)

    def signature(self) -> tuple:
        return (self.kind, self.table, key_text(self.key), sorted(self.values.items(), key=str),
                sorted(self.before.items(), key=str))


@dataclass
class Conflict:
    """Changed on both sides: the user chooses "mine" (the offline value) or "theirs" (the
    server's). For a deletion the choice covers the whole subtree (``rows``)."""

    id: str
    kind: str  # VALUE, ADDED_TWICE, DELETED_OFFLINE, DELETED_ON_SERVER
    table: str
    key: Key
    column: str | None = None
    base: object = None
    mine: object = None
    theirs: object = None
    rows: tuple = ()  # (table, key) of every row the choice decides, parents first
    label: str = ""  # Dutch: what it is ("“Reiskosten” 2023, bedrag")
    base_text: str = ""
    mine_text: str = ""
    theirs_text: str = ""

    def signature(self) -> tuple:
        return (self.id, self.kind, repr(self.base), repr(self.mine), repr(self.theirs),
                tuple((t, key_text(k)) for t, k in self.rows))


@dataclass
class Merge:
    changes: list[Change]
    conflicts: list[Conflict]
    base: Side
    mine: Side
    theirs: Side

    def fingerprint(self) -> str:
        """What was planned, as one word: the same on the server later means nothing moved that
        the plan depends on."""
        text = repr(([c.signature() for c in self.changes], [c.signature() for c in self.conflicts]))
        return hashlib.sha256(text.encode("utf-8")).hexdigest()


def compare(base: Side, mine: Side, theirs: Side) -> Merge:
    merge = Merge([], [], base, mine, theirs)
    deleted = _deletion_groups(base, mine, theirs)
    restored = _restore_groups(base, mine, theirs)
    grouped = {member for group in (*deleted.values(), *restored.values()) for member in group}
    for t in compared_tables():
        for key in _all_keys(base, mine, theirs, t.name):
            if (t.name, key) not in grouped:
                _compare_row(merge, t, key)
    _add_group_outcomes(merge, deleted, restored)
    return merge


def _all_keys(base: Side, mine: Side, theirs: Side, name: str) -> list[Key]:
    keys = set(base.rows[name]) | set(mine.rows[name]) | set(theirs.rows[name])
    return sorted(keys, key=sort_key)


@lru_cache(maxsize=None)
def _columns(name: str) -> tuple[str, ...]:
    """The columns compared: not the key, not what is derived."""
    return tuple(c.name for c in table(name).columns if not c.primary_key and (name, c.name) not in DERIVED)


def _compare_row(merge: Merge, t: Table, key: Key) -> None:
    b, m, th = (side.get(t.name, key) for side in (merge.base, merge.mine, merge.theirs))
    if m is not None and b is None and th is None:
        merge.changes.append(Change("nieuw", t.name, key, m))
    elif m is not None and th is not None and m != th and m != b:  # else: nothing to bring
        _compare_columns(merge, t, key, b, m, th)
    # Not here: a row only the server has or changed (kept), a row gone on both sides, and the
    # deletion groups.


def _compare_columns(merge: Merge, t: Table, key: Key, b: dict | None, m: dict, th: dict) -> None:
    changed, before = {}, {}
    for column in _columns(t.name):
        was = None if b is None else b[column]
        if m[column] == th[column] or (b is not None and m[column] == was):
            continue  # the same on both, or not changed offline: the server's stays
        if b is not None and th[column] == was:
            changed[column], before[column] = m[column], was
            continue
        kind = VALUE if b is not None else ADDED_TWICE
        merge.conflicts.append(Conflict(f"{t.name}:{key_text(key)}:{column}", kind, t.name, key, column,
                                        was, m[column], th[column], ((t.name, key),)))
    if changed:
        merge.changes.append(Change("gewijzigd", t.name, key, changed, before))


# --- deletions: decided per subtree ---------------------------------------------------------------

Group = list  # [(table, key)], the root first, parents before children


def _deletion_groups(base: Side, mine: Side, theirs: Side) -> dict[tuple, Group]:
    """Rows deleted offline that the server still has, by the topmost of them they went with."""
    gone = {(t.name, k) for t in compared_tables() for k in base.rows[t.name]
            if k not in mine.rows[t.name] and k in theirs.rows[t.name]}
    return _groups(gone, base)


def _restore_groups(base: Side, mine: Side, theirs: Side) -> dict[tuple, Group]:
    """Rows the server deleted that the laptop still has, with the rows added offline under them."""
    gone = {(t.name, k) for t in compared_tables() for k in base.rows[t.name]
            if k in mine.rows[t.name] and k not in theirs.rows[t.name]}
    for t in compared_tables():  # parents first: a new row under a new row under a gone row
        for key, row in mine.rows[t.name].items():
            if key not in base.rows[t.name] and key not in theirs.rows[t.name] and \
                    any((parent, row[c]) in gone for c, parent in cascade_parents(t)):
                gone.add((t.name, key))
    return _groups(gone, mine)


def _groups(members: set, side: Side) -> dict[tuple, Group]:
    groups: dict[tuple, Group] = {}
    order = {t.name: i for i, t in enumerate(compared_tables())}
    for name, key in sorted(members, key=lambda m: (order[m[0]], sort_key(m[1]))):
        groups.setdefault(_root(name, key, members, side), []).append((name, key))
    for group in groups.values():
        group.sort(key=lambda m: (order[m[0]], _depth(m, members, side)))
    return groups


def _parent_in(name: str, key: Key, members: set, side: Side) -> tuple | None:
    row = side.get(name, key)
    for column, parent in cascade_parents(table(name)):
        if (parent, row[column]) in members and (parent, row[column]) != (name, key):
            return parent, row[column]
    return None


def _root(name: str, key: Key, members: set, side: Side) -> tuple:
    current, seen = (name, key), set()
    while (up := _parent_in(*current, members, side)) is not None and up not in seen:
        seen.add(current)
        current = up
    return current


def _depth(member: tuple, members: set, side: Side) -> int:
    depth, current = 0, member
    while (up := _parent_in(*current, members, side)) is not None and depth < len(members):
        depth, current = depth + 1, up
    return depth


def _add_group_outcomes(merge: Merge, deleted: dict, restored: dict) -> None:
    children = _children_on_server(merge) if deleted else {}
    for root, group in deleted.items():
        if _changed_on_server(merge, group, children):
            merge.conflicts.append(_group_conflict(DELETED_OFFLINE, root, group))
        else:
            merge.changes.extend(Change("verwijderd", name, key, {}) for name, key in reversed(group))
    for root, group in restored.items():
        if _changed_offline(merge, group):
            merge.conflicts.append(_group_conflict(DELETED_ON_SERVER, root, group))
        # else: nobody changed it offline, the server's deletion stands


def _group_conflict(kind: str, root: tuple, group: Group) -> Conflict:
    word = "verwijderd" if kind == DELETED_OFFLINE else "hersteld"
    return Conflict(f"{root[0]}:{key_text(root[1])}:{word}", kind, root[0], root[1], rows=tuple(group))


def _children_on_server(merge: Merge) -> dict[tuple, list[tuple]]:
    """(parent table, key) -> the server's rows that go with it, as (table, key, column)."""
    children: dict[tuple, list[tuple]] = {}
    for t in compared_tables():
        for column, parent in cascade_parents(t):
            for key, row in merge.theirs.rows[t.name].items():
                if row[column] is not None:
                    children.setdefault((parent, row[column]), []).append((t.name, key, column))
    return children


def _changed_on_server(merge: Merge, group: Group, children: dict) -> bool:
    """The server changed a row of the subtree, or added or moved a row under it, since the
    check-out (a row the laptop moved away from it pointed there at the check-out already: its
    update goes first)."""
    members = set(group)
    if any(merge.theirs.get(n, k) != merge.base.get(n, k) for n, k in group):
        return True
    for member in group:
        for name, key, column in children.get(member, ()):
            was = merge.base.get(name, key)
            if (name, key) not in members and (was is None or was[column] != member[1]):
                return True
    return False


def _changed_offline(merge: Merge, group: Group) -> bool:
    return any(merge.base.get(n, k) != merge.mine.get(n, k) for n, k in group)


# --- applying -------------------------------------------------------------------------------------

class ServerIds:
    """Logical keys as the server's primary keys: the server's own rows, and those written now."""

    def __init__(self, theirs: Side, coming: set | None = None) -> None:
        self.theirs = theirs
        self.written: dict[tuple, tuple] = {}
        self.coming = coming or set()  # (table, key) still to be inserted
        self.deferred: list[tuple] = []  # (table, key, column, parent, parent key): set once written
        self.rows: list[tuple[str, Key]] = []  # every row written, for the checks after

    def of(self, name: str, key: Key) -> tuple | None:
        return self.written.get((name, key)) or self.theirs.physical[name].get(key)

    def row_values(self, name: str, row: dict, key: Key = None) -> dict:
        """``row`` with its foreign keys as the server's ids; a reference to a row the server no
        longer has is cleared where the column allows it (as the database would), else refused."""
        from app.services.errors import WorkspaceError

        t = table(name)
        out = dict(row)
        for column, parent in references(t).items():
            if out.get(column) is None:
                continue
            found = self.of(parent, out[column])
            if found is None and (parent, out[column]) in self.coming and t.c[column].nullable:
                # A row of the same table inserted later (a copy of a newer row): set afterwards.
                self.deferred.append((name, key, column, parent, out[column]))
            elif found is None and not t.c[column].nullable:
                raise WorkspaceError(f"Een offline wijziging verwijst naar iets dat op de server niet meer "
                                     f"bestaat (tabel {name}); er is niets teruggezet.")
            out[column] = None if found is None else found[0]
        return out


def apply(connection, merge: Merge, choices: dict[str, str]) -> ServerIds:
    """Write the offline changes and the chosen values in ``connection``'s transaction; returns
    the server's ids of the rows, with the rows written (``rows``) for the checks after it."""
    inserts, updates, deletes = _operations(merge, choices)
    ids = ServerIds(merge.theirs, {(n, k) for n, k, _r in inserts})
    for name, key, row in inserts:
        _insert(connection, ids, name, key, row)
        ids.coming.discard((name, key))
    for name, key, column, parent, target in ids.deferred:
        t = table(name)
        connection.execute(update(t).where(*_pk_match(t, ids.of(name, key)))
                           .values({column: ids.of(parent, target)[0]}))
    for name, key, values in updates:
        t = table(name)
        pk = ids.of(name, key)
        connection.execute(update(t).where(*_pk_match(t, pk)).values(ids.row_values(name, values)))
    for name, key in deletes:
        t = table(name)
        pk = ids.of(name, key)
        if pk is not None:  # gone already with its parent
            connection.execute(delete(t).where(*_pk_match(t, pk)))
    ids.rows = [(n, k) for n, k, _r in inserts] + [(n, k) for n, k, _v in updates] + list(deletes)
    return ids


def _operations(merge: Merge, choices: dict[str, str]):
    inserts = [(c.table, c.key, c.values) for c in merge.changes if c.kind == "nieuw"]
    updates = [(c.table, c.key, c.values) for c in merge.changes if c.kind == "gewijzigd"]
    deletes = [(c.table, c.key) for c in merge.changes if c.kind == "verwijderd"]
    for conflict in merge.conflicts:
        if choices[conflict.id] != "mine":
            continue
        if conflict.kind in (VALUE, ADDED_TWICE):
            updates.append((conflict.table, conflict.key, {conflict.column: conflict.mine}))
        elif conflict.kind == DELETED_OFFLINE:
            deletes.extend(reversed(conflict.rows))
        else:
            inserts.extend((n, k, merge.mine.get(n, k)) for n, k in conflict.rows)
    order = {t.name: i for i, t in enumerate(compared_tables())}
    # Parents first, also within a tree (a new chapter under a new chapter); children first for
    # deletes.
    inserts.sort(key=lambda op: (order[op[0]], _tree_depth(op[0], op[1], merge.mine), sort_key(op[1])))
    deletes.sort(key=lambda op: (-order[op[0]], -_tree_depth(op[0], op[1], merge.base)))
    return inserts, updates, deletes


def _tree_depth(name: str, key: Key, side: Side) -> int:
    """How many rows of its own table are above this one (a chapter in a chapter: 1)."""
    own = [c for c, parent in references(table(name)).items() if parent == name and c != "copied_from_id"]
    depth, row, seen = 0, side.get(name, key), {key}
    while row is not None and own:
        up = next((row[c] for c in own if row[c] is not None), None)
        if up is None or up in seen:
            break
        depth, row = depth + 1, side.get(name, up)
        seen.add(up)
    return depth


def _pk_match(t: Table, pk: tuple) -> list:
    return [c == v for c, v in zip(t.primary_key.columns, pk)]


def _insert(connection, ids: ServerIds, name: str, key: Key, row: dict) -> None:
    """A row added offline gets a new id from the server (it may have used the laptop's id
    meanwhile); a row brought back from a deletion keeps its own (ids are never reused)."""
    t = table(name)
    values = ids.row_values(name, row, key)
    if has_own_id(t):
        if isinstance(key, tuple):
            values.pop("id", None)
        else:
            values["id"] = key
        new_id = connection.execute(insert(t).values(values).returning(t.c.id)).scalar_one()
        ids.written[(name, key)] = (new_id,)
    else:
        connection.execute(insert(t).values(values))
        ids.written[(name, key)] = tuple(values[c.name] for c in t.primary_key.columns)


def owner_plan(name: str, key: Key, sides: Iterable[Side]) -> Key | None:
    """The plan a row belongs to (a cell: its line's group's plan), or None for a region's row."""
    sides = list(sides)
    seen = 0
    while name != "plan" and seen < 20:
        row = next((s.get(name, key) for s in sides if s.get(name, key) is not None), None)
        step = _step_to_plan(name, row)
        if step is None:
            return None
        name, key = step
        seen += 1
    return key if name == "plan" else None


def _step_to_plan(name: str, row: dict | None) -> tuple | None:
    if row is None:
        return None
    for column, parent in cascade_parents(table(name)):
        if parent != name and row[column] is not None and _leads_to_plan(parent):
            return parent, row[column]
    return None


def _leads_to_plan(name: str, depth: int = 0) -> bool:
    if name == "plan":
        return True
    return depth < 10 and any(p != name and _leads_to_plan(p, depth + 1) for _c, p in cascade_parents(table(name)))
