"""Personal-data detection: header words and value detectors, counted over whole columns.

`headers` and `detectors` judge one column (its name; its values, each detector
both a Python function and a DuckDB macro) and know nothing of files; `scan`
loads each publishable resource into the data engine and counts, in SQL, what
the detectors recognise in every column; `rules` are the GK3xx rules over
those counts.
"""
