"""``udv site``: the plan as a static website that citizens and politicians can follow.

One stage, one way: the dataset loses its confidential initiatives and closed agenda items
first (:func:`udvikling.render.contexts.public_view`), then every page asks the report
builders (status, overdue, list/show) and the journal (:func:`udvikling.chrono.plan_at`)
for the plan as it stood, and was known, on the site's date; nothing here filters dates by
itself. Pages are Jinja templates in ``templates/site/`` (a data repository may override
them), autoescaped, with relative links so the folder works anywhere, also from ``file://``.

Modules: :mod:`.build` (the whole site as files), :mod:`.write` (into a folder, in one
step), :mod:`.environment` (templates and HTML filters), :mod:`.links` (where pages live),
:mod:`.initiatives`, :mod:`.meetings`, :mod:`.front`, :mod:`.reports` (what each page
shows), :mod:`.choices` (the filters), :mod:`.search` (the search index) and :mod:`.source`
(when and from what it was built).
"""
