"""Checks on what the store's files hold: each record of the right types and choices.

:func:`check_loaded` runs as a table is read; :func:`bad_record` explains, in one line,
a failure the data caused.
"""

from __future__ import annotations

import functools
from dataclasses import fields

from model.errors import ValidationError
from model.records.vocabulary import (
    TIERS,
    LEVELS,
    RELATIONS,
    STAGES,
    KINDS,
    DEPTHS,
    SCOPES,
    OWNERS,
    PROMISE_STATUSES,
    PURPOSES,
)
from model.records.types import Record

# -- checking what the store's file holds -------------------------------------------

_NONE = type(None)


@functools.lru_cache(maxsize=None)
def _field_types(cls: type[Record]) -> dict[str, tuple[type, ...]]:
    """The JSON types each field of ``cls`` may hold in the store's file."""
    out: dict[str, tuple[type, ...]] = {}
    for f in fields(cls):
        kind = str(f.type)
        if kind.startswith("tuple"):
            out[f.name] = (list,)
        elif kind == "int | None":
            out[f.name] = (int, _NONE)
        elif kind == "str | None":
            out[f.name] = (str, _NONE)
        else:
            out[f.name] = (str,)
    return out


#: choice fields and the values each may hold ("" where a blank is allowed)
_CHOICES: dict[str, dict[str, frozenset]] = {
    "contacts": {"tier": frozenset(TIERS), "level": frozenset(("", *LEVELS)),
                 "relation": frozenset(("", *RELATIONS)), "stage": frozenset(("", *STAGES))},
    "interactions": {"kind": frozenset(KINDS), "depth": frozenset(DEPTHS), "scope": frozenset(SCOPES)},
    "promises": {"owner": frozenset(OWNERS), "status": frozenset(PROMISE_STATUSES)},
    "focus_plans": {"purpose": frozenset(PURPOSES)},
}
#: list fields whose items are text
_TEXT_LISTS = ("purposes", "emails", "phones", "links", "tags", "contacts")


def check_loaded(cls: type[Record], docs: list[dict]) -> None:
    """Raise a ValidationError naming the record and the field if a record the store's file
    holds has a wrong type, an unknown choice, no id or name, or an id another one has.

    Records read from the file are built without validating each (:meth:`Record.trusted`):
    this checks the types of every field, the choices and the ids of all of them at once
    (a few milliseconds for 5,000 people); only when something is off is each validated,
    to name the first bad one."""
    from itertools import chain
    from operator import itemgetter

    if not docs:
        return
    types = _field_types(cls)  # type: ignore[arg-type]  # a class is hashable; typeshed says otherwise for type[Record]
    names = list(types)
    ok = set(map(type, docs)) == {dict}
    if ok:
        try:
            get = itemgetter(*names)
            shapes = {tuple(map(type, get(d))) for d in docs}
        except KeyError:
            ok = False
        else:
            allowed = [types[n] for n in names]
            ok = all(t in a for shape in shapes for t, a in zip(shape, allowed))
    choices = _CHOICES.get(cls.table, {})
    if ok and choices:  # one pass: the few distinct combinations, each checked
        chosen = set(map(itemgetter(*choices, "id"), docs)) if len(choices) == 1 else \
            set(map(itemgetter(*choices), docs))
        allowed_choices = list(choices.values())
        ok = all(v in a for combo in chosen for v, a in zip(combo, allowed_choices))
    lists = [n for n in _TEXT_LISTS if n in types]
    if ok and lists:  # every item of every list of text, in one pass
        per_doc = map(itemgetter(*lists), docs)
        items = chain.from_iterable(per_doc if len(lists) == 1 else chain.from_iterable(per_doc))
        ok = set(map(type, items)) <= {str}
    if ok:
        if cls.table == "contacts":
            ok = "" not in set(map(itemgetter("name"), docs))
        ids = list(map(itemgetter("id"), docs)) if ok else []
        ok = ok and "" not in ids
        if ok and len(set(ids)) != len(ids):
            seen: set[str] = set()
            twice = ""
            for i in ids:
                if i in seen:
                    twice = i
                    break
                seen.add(i)
            raise ValidationError(f"{_label(cls, next(d for d in docs if d['id'] == twice))}.id",
                                  "another record has the same id")
    if ok:
        return
    known = set(names)
    for n, doc in enumerate(docs):
        if not isinstance(doc, dict):
            raise ValidationError(f"{cls.table} record {n + 1}", "is not a record (an object)")
        try:
            cls(**{k: v for k, v in doc.items() if k in known})
        except ValidationError as exc:
            raise ValidationError(f"{_label(cls, doc)}.{exc.field.split('.', 1)[-1]}", exc.message) from None
        except TypeError as exc:
            raise ValidationError(_label(cls, doc), f"is not a record Kizuna reads ({exc})") from None


def _label(cls: type[Record], doc: dict) -> str:
    """How an error names one record of the file: its kind, id and name if it has them."""
    what = cls.table.rstrip("s").replace("_", " ")
    rid = doc.get("id")
    name = doc.get("name") if cls.table == "contacts" else None
    bits = [f"id {rid!r}" if isinstance(rid, str) and rid else "no id"]
    if isinstance(name, str) and name:
        bits.append(f"name {name[:40]!r}")
    return f"{what} ({', '.join(bits)})"


def bad_record(store) -> str | None:
    """The first record of ``store`` that fails validation, as one line; None if all pass.

    Loading checks what planning and display rely on at little cost (model.records.
    check_loaded); a command that still fails on the data is explained by checking
    every field of every record, once, on the way out."""
    if store is None:
        return None
    try:
        for read in (store.contacts, store.promises, store.focus_plans, store.interactions):
            records = read()
            if records:
                check_loaded(type(records[0]), [dict(r.__dict__) for r in records])
    except ValidationError as exc:
        return f"{store.path}: {exc} (fix it in the file, or restore a backup)"
    except Exception:  # any other failure is not the data's to explain
        return None
    return None
