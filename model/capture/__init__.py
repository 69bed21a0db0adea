"""Quick capture: one typed line read as a note, its people, date, kind and promises.

:func:`parse` reads a line against the people already known (pure, fast enough
for every keystroke); :func:`save` writes what it means in one transaction.
The grammar is split by concern: the header words (:mod:`.header`), promises
(:mod:`.promises`), the keyword tables (:mod:`.words`), date words (:mod:`.dates`).
"""

from model.capture.dates import DateWordError, describe_date, parse_due
from model.capture.parser import parse, save
from model.capture.result import (AmbiguousNameError, Capture, CaptureError, PromiseDraft, Token,
                                  UnknownNameError)

__all__ = ["AmbiguousNameError", "Capture", "CaptureError", "DateWordError", "PromiseDraft", "Token",
           "UnknownNameError", "describe_date", "parse", "parse_due", "save"]
