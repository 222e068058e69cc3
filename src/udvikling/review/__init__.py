"""Reading and comparing the plan across git revisions: what ``udv diff`` and ``udv history`` show.

* :mod:`~udvikling.review.git`: running git, the repository, revisions;
* :mod:`~udvikling.review.blobs`, :mod:`~udvikling.review.trees` and
  :mod:`~udvikling.review.snapshot`: the plan at a revision, listed and read from git's
  objects (the listing in a background thread while the models are imported) and loaded;
* :mod:`~udvikling.review.since_report`: the revision of the last status report;
* :mod:`~udvikling.review.model`: the result types of a comparison;
* :mod:`~udvikling.review.compare`: two plans compared, lint findings introduced and fixed;
* :mod:`~udvikling.review.records` and :mod:`~udvikling.review.fields`: one record compared
  field by field, in Danish;
* :mod:`~udvikling.review.history`: one record through the commits that touched it, found
  and read from git by :mod:`~udvikling.review.recordlog` (in a background thread while the
  models are imported), each version loaded by :mod:`~udvikling.review.versions`.

Nothing is imported here: the command line imports git and comparison code only when a command
needs it.
"""
