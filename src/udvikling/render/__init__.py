"""``udv render``: the status note, the process plan and the agenda item as documents.

Jinja Markdown templates (sandboxed, strict, data inserted literally) are the single
source; Word and HTML are made from the Markdown by pandoc. See ``docs/templates.md``.
"""
