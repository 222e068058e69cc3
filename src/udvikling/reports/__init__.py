"""Reports as data: status per quarter, overdue items, listings and single records.

Each builder takes a :class:`~udvikling.load.Dataset` and explicit dates and returns plain
frozen dataclasses; nothing here prints. The renderers in ``udvikling.output.report_*``
turn them into text, Markdown, rich tables and JSON.
"""
