"""``kizuna add``, ``kizuna edit`` (every field a person has) and ``kizuna settings``."""

from __future__ import annotations

import argparse
import dataclasses

from model.language.i18n import N_, _, stored_generation, stored_words, word
from model.language.names import plain

from model.records import LANGUAGES, LEVELS, PURPOSES, RELATIONS, STAGES, TIERS

#: option -> (Contact field, kind); kind says how the text becomes the field's value
FIELDS = {
    "name": ("name", "text"), "reading": ("reading", "text"), "company": ("company", "text"),
    "title": ("title", "text"), "industry": ("industry", "text"), "function": ("function", "text"),
    "level": ("level", "text"), "generation": ("generation", "text"), "relation": ("relation", "text"),
    "purposes": ("purposes", "list"), "stage": ("stage", "text"), "next-step": ("next_step", "text"),
    "email": ("emails", "list"), "phone": ("phones", "list"), "link": ("links", "list"),
    "how-met": ("how_met", "text"), "tags": ("tags", "tags"), "birthday": ("birthday", "text"),
    "cadence": ("cadence_days", "days"), "notes": ("notes", "text"),
}
HELP = {  # {levels}, {relations}, {purposes}, {stages}: filled in by _field_options
    "reading": N_("how the name is read (furigana), used to find and sort them; without it one is "
                  "guessed from a kanji name"),
    "level": N_("one of {levels}"), "generation": N_("20s, 30s, 40s, ..."),
    "relation": N_("one of {relations}"),
    "purposes": N_("what they could help with, comma-separated: {purposes}"),
    "stage": N_("where the relationship is (A10): {stages}"),
    "next-step": N_("the next thing to do with them (shown when they come due)"),
    "email": N_("email addresses, comma-separated"), "phone": N_("phone numbers, comma-separated"),
    "link": N_("links (LinkedIn, a site), comma-separated"), "tags": N_("tags, comma- or space-separated"),
    "birthday": N_("YYYY-MM-DD, or --MM-DD without the year (write --birthday=--MM-DD)"),
    "cadence": N_("their own cadence in days (overrides their tier's; 0 or '' clears it)"),
    "notes": N_("free notes about them"),
}

#: ``kizuna settings`` keys -> (Settings field, what it means)
SETTINGS = {
    "own-industry": ("own_industry", N_("your own industry: diversity and slot roles measure against it")),
    "deep-cap": ("deep_cap", N_("how many people the deep tier holds (A3)")),
    "active-cap": ("active_cap", N_("how many people the active tier holds")),
    "deep-cadence": ("deep_cadence_days",
                     N_("days between deep conversations with a deep-tier person (A11: a month)")),
    "active-cadence": ("touch_cadence_days",
                       N_("days between touches with an active-tier person (A11: a quarter)")),
    "focus-deep-per-month": ("focus_deep_per_month", N_("deep conversations a focus person needs each month")),
    "focus-template": ("focus_template", N_("a new month's slot roles, comma-separated ({relations})")),
    "language": ("language", N_("the interface language: {languages} (ja: Japanese, sorted by reading; "
                                "en: English, even under a Japanese locale; unset: the locale says)")),
}


def register(sub: argparse._SubParsersAction, common: argparse.ArgumentParser) -> None:
    from tui.cli.planning import _dated

    dated = _dated()
    p = sub.add_parser("add", parents=[common, dated], help=_("add a person, with any of their fields"),
                       description=_("Add a person. A full tier (deep, active) is refused, naming who "
                                   "could make room; nothing is added then."))
    p.add_argument("name", help=_("their name, in any script"))
    p.add_argument("--tier", choices=TIERS, default="network", help=_("the tier (default: network)"))
    _field_options(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_add)

    p = sub.add_parser("edit", parents=[common, dated], help=_("change a person's fields"),
                       description=_("Change the fields given; the rest stay. An empty value ('') "
                                   "clears a field. A tier change follows the caps and is logged."))
    p.add_argument("who", metavar="NAME", help=_("a name or reading, or enough of one to be unique"))
    p.add_argument("--name", help=_("a new name"))
    p.add_argument("--tier", choices=TIERS, help=_("move them to this tier (caps apply)"))
    _field_options(p)
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_edit)

    keys = "\n".join(f"  {k:<21} {_(what).format(**_LISTS)}" for k, (_field, what) in SETTINGS.items())
    from tui.cli.entry import RawWrapFormatter

    p = sub.add_parser("settings", parents=[common], help=_("list or change your settings"),
                       formatter_class=RawWrapFormatter,
                       description=_("With no KEY, list every setting; with KEY, show it; with KEY "
                                   "VALUE, change it ('' clears your own industry)."),
                       epilog=_("keys:") + f"\n{keys}")
    p.add_argument("key", nargs="?", metavar="KEY", help=_("a setting (see below)"))
    p.add_argument("value", nargs="?", metavar="VALUE", help=_("its new value"))
    p.add_argument("--json", action="store_true", help=_("print JSON for scripts"))
    p.set_defaults(func=cmd_settings)


_LISTS = {"levels": ", ".join(LEVELS), "relations": ", ".join(RELATIONS), "purposes": ", ".join(PURPOSES),
          "stages": ", ".join(STAGES), "languages": ", ".join(LANGUAGES)}


def _field_options(p: argparse.ArgumentParser) -> None:
    for option in FIELDS:
        if option != "name":
            text = HELP.get(option, "")
            p.add_argument(f"--{option}", metavar="TEXT", help=_(text).format(**_LISTS) if text else "")


# -- people ----------------------------------------------------------------------------


def _values(args) -> dict:
    """The fields given on the command line, as Contact values."""
    import re

    out: dict = {}
    for option, (name, kind) in FIELDS.items():
        text = getattr(args, option.replace("-", "_"), None)
        if text is None or option == "name":  # (add's NAME, edit's --name: each command reads it)
            continue
        text = plain(text, lines=name == "notes").strip()
        if kind == "list":
            out[name] = tuple(v.strip() for v in text.split(",") if v.strip())
        elif kind == "tags":
            out[name] = tuple(dict.fromkeys(t.lstrip("#") for t in re.split(r"[\s,]+", text) if t.lstrip("#")))
        elif kind == "days":
            if text in ("", "0"):
                out[name] = None
            elif text.isdigit():
                out[name] = int(text)
            else:
                raise _bad("cadence", _("{text!r} is not a whole number of days").format(text=text))
        elif name == "generation":
            out[name] = stored_generation(text)  # 40代 as well as 40s
        else:
            out[name] = text
    return out


def _bad(option: str, message: str):
    from model.errors import KizunaError

    return KizunaError(f"--{option}: {message}")


def _checked(build):
    """Build a record; a field it refuses is reported by its option (--level), not its field name."""
    from model.errors import ValidationError

    try:
        return build()
    except ValidationError as exc:
        field = exc.field.split(".", 1)[-1].split("[", 1)[0]
        option = next((o for o, (f, _) in FIELDS.items() if f == field), field.replace("_", "-"))
        raise _bad(option, exc.message) from None


def cmd_add(ctx) -> int:
    from model.actions import set_tier
    from model.records import Contact

    values = _values(ctx.args)
    name = " ".join(plain(ctx.args.name).split())
    person = _checked(lambda: Contact(name=name, tier="network", **values))
    store = ctx.store
    with store.transaction():  # a refused tier adds no one
        store.add(person)
        if ctx.args.tier != "network":
            set_tier(store, person.id, ctx.args.tier, ctx.today, added=True)
    person = store.contact(person.id)
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json(person.to_dict())
    else:
        print(_("added {name} ({tier})").format(name=person.name, tier=word("tier", person.tier)))
    return 0


def cmd_edit(ctx) -> int:
    from model.actions import set_tier
    from model.language.names import resolve

    store = ctx.store
    person = resolve(store.contacts(), ctx.args.who)
    values = _values(ctx.args)
    if ctx.args.name is not None:
        values["name"] = " ".join(plain(ctx.args.name).split())
    if not values and ctx.args.tier is None:
        from model.errors import KizunaError

        raise KizunaError(_("nothing to change for {name}: give a field, e.g. --stage 'joint work' or "
                             "--next-step TEXT (see kizuna edit --help)").format(name=person.name))
    with store.transaction():
        current = store.contact(person.id)
        if values:
            store.put(_checked(lambda: dataclasses.replace(current, **values)).touched())
        if ctx.args.tier is not None and ctx.args.tier != current.tier:
            set_tier(store, person.id, ctx.args.tier, ctx.today, reason="kizuna edit")
    person = store.contact(person.id)
    if ctx.args.json:
        from tui.cli.output import print_json

        print_json(person.to_dict())
    else:
        changed = sorted({*(o for o, (f, _) in FIELDS.items() if f in values),
                          *(["tier"] if ctx.args.tier else [])})
        print(_("updated {name} ({tier}): {changed}").format(name=person.name, tier=word("tier", person.tier),
                                                             changed=", ".join(changed)))
    return 0


# -- settings ---------------------------------------------------------------------------------


def _key(text: str) -> str:
    from model.errors import KizunaError

    key = text.strip().replace("_", "-").lower()
    for k, (field, _what) in SETTINGS.items():
        if key in (k, field.replace("_", "-")):
            return k
    raise KizunaError(_("no setting called {text!r}; the settings are {keys}").format(
        text=text, keys=", ".join(SETTINGS)))


def _shown(settings, key: str) -> str:
    value = getattr(settings, SETTINGS[key][0])
    if isinstance(value, tuple):  # the focus slots' roles
        return ", ".join(word("relation", r) for r in value)
    return str(value) if value != "" else _("(not set)")


def _parse_value(key: str, text: str):
    field = SETTINGS[key][0]
    text = plain(text).strip()
    if field in ("deep_cap", "active_cap", "deep_cadence_days", "touch_cadence_days", "focus_deep_per_month"):
        if not text.isdigit() or int(text) < 1:
            from model.errors import KizunaError

            raise KizunaError(_("{key}: {text!r} is not a whole number (1 or more)").format(key=key, text=text))
        return int(text)
    if field == "focus_template":
        return stored_words("relation", text, RELATIONS)
    if field == "own_industry":
        return " ".join(text.split())
    return text


def cmd_settings(ctx) -> int:
    from model.errors import KizunaError, ValidationError
    from tui.cli.output import print_json, table

    store = ctx.store
    args = ctx.args
    if args.key is None:
        settings = store.settings()
        if args.json:
            print_json({k: getattr(settings, f) if not isinstance(getattr(settings, f), tuple)
                        else list(getattr(settings, f)) for k, (f, _) in SETTINGS.items()})
            return 0
        print(table([(k, _shown(settings, k)) for k in SETTINGS], (_("setting"), _("value"))))
        print(_("(what each means: kizuna settings --help; change one: kizuna settings KEY VALUE)"))
        return 0
    key = _key(args.key)
    if args.value is not None:
        with store.transaction():
            try:
                changed = dataclasses.replace(store.settings(), **{SETTINGS[key][0]: _parse_value(key, args.value)})
            except ValidationError as exc:
                raise KizunaError(f"{key}: {exc.message}") from None
            store.save_settings(changed)
    settings = store.settings()
    if args.json:
        value = getattr(settings, SETTINGS[key][0])
        print_json({key: list(value) if isinstance(value, tuple) else value})
    else:
        print(f"{key}: {_shown(settings, key)}")
    if key in ("deep-cap", "active-cap") and args.value is not None:
        from model.planning import Book
        from model.planning.caps import over_cap

        for tier, (count, cap) in over_cap(Book.from_store(store, full=False)).items():
            print(_("! {tier} holds {count} people, more than its cap of {cap}: move {extra} down "
                    "(kizuna tier NAME ...)").format(tier=word("tier", tier), count=count, cap=cap, extra=count - cap))
    return 0
