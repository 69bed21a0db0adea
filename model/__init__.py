"""Kizuna's domain: records, the store, planning, capture, import and export.

Nothing here imports Textual, so the command line starts fast.
"""
