"""argparse's own words a user reads (usage, options, its errors), listed here so Babel
extracts them into our catalogue: :func:`tui.cli.entry._argparse_words` hands argparse
our ``_`` in Japanese mode. (argparse's ``expected %s argument(s)`` plural forms are left out.)"""

from model.language.i18n import N_

WORDS = (
    N_("usage: "),
    N_("positional arguments"),
    N_("options"),
    N_("show this help message and exit"),
    N_("argument %(argument_name)s: %(message)s"),
    N_("unrecognized arguments: %s"),
    N_("not allowed with argument %s"),
    N_("the following arguments are required: %s"),
    N_("one of the arguments %s is required"),
    N_("expected one argument"),
    N_("expected at most one argument"),
    N_("expected at least one argument"),
    N_("ambiguous option: %(option)s could match %(matches)s"),
    N_("invalid %(type)s value: %(value)r"),
    N_("invalid choice: %(value)r (choose from %(choices)s)"),
)
