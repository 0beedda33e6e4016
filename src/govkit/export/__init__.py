"""Export: release packages for one access level, holding only what may be published.

One job per module: `selection` decides what a level may see and why the rest
is withheld; `redaction` turns each published field into SQL; `writer` runs it
in DuckDB; `tableschema` and `datapackage` describe the result, and each module of
`targets` writes it for one standard (Data Package, data.json, DCAT-AP, CKAN), from
what `portal` shares and the EU and CKAN terms of `vocabularies`;
`ziparchive` packs it reproducibly; `release` swaps the folder in atomically;
`manifest` lists every file's sha256; `provenance` says which commit it is;
`gate` refuses a release with errors; `build` runs them in that order.
"""
