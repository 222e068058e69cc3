"""Status sheets: the plan out to each owner as a spreadsheet, their answers back in.

The round trip, one module per step:

* :mod:`~udvikling.sheets.layout`: the columns (Danish headings users and macros rely on),
  file names and the problem type every step reports with;
* :mod:`~udvikling.sheets.rows`: which initiatives go to whom, as plain rows (no I/O);
* :mod:`~udvikling.sheets.manifest`: what was sent to whom and the state each row was
  exported from, so an import can tell a row that changed since;
* :mod:`~udvikling.sheets.export` and :mod:`~udvikling.sheets.workbook`: the rows as
  CSV and as an Excel workbook (openpyxl);
* :mod:`~udvikling.sheets.read` (with :mod:`~udvikling.sheets.xlsxrows` and
  :mod:`~udvikling.sheets.csvread`): a returned workbook or CSV back to cells with
  addresses, read on the other core while the plan loads (:mod:`~udvikling.sheets.handover`);
* :mod:`~udvikling.sheets.validate`: every answer cell checked with the plan's own rules,
  giving one journal entry per answered row;
* :mod:`~udvikling.sheets.yamltext` and :mod:`~udvikling.sheets.post`: the entries written
  into the initiative files as text (nothing else in a file changes), all files or none.
"""
