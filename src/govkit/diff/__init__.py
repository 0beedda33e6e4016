"""Semantic diff of two catalog snapshots into classified changes (GK5xx).

`snapshot` reads one side (leaving out, and reporting, files broken at that
ref), `compare` pairs datasets and describes how each changed, `tableschema`
judges Table Schema changes for those who consume the data. Nothing here
knows about git: the sides are read through the catalog's `Tree`.
"""
