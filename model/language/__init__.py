"""Text and language: what outside text may hold (:mod:`.text`), how names fold, sort and
match (:mod:`.names`, with readings guessed for Japanese names in :mod:`.readings`), and the
language the user reads (:mod:`.i18n`, with the shown forms of stored words in
:mod:`.i18n_words`).

Nothing is imported here, so each caller pays only for the module it uses.
"""
