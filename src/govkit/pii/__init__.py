"""Personal-data detection: header words and value detectors, pure functions over columns.

`headers` and `detectors` judge one column (its name, its values) and know
nothing of files, so the data engine can later hand them columns it read;
`sample` reads a bounded sample of a CSV file; `rules` are the GK3xx rules
over those samples, and `scan` runs them over a catalog's publishable resources.
"""
