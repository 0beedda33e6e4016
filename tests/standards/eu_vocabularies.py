"""The concepts of the EU authority tables that govkit's DCAT-AP mapping uses, as triples.

DCAT-AP's vocabulary shapes check `skos:inScheme` of each value, which the
validator finds in the authority tables it downloads. Offline, these are the
rows of those tables (https://op.europa.eu/en/web/eu-vocabularies/authority-tables)
for the codes the exporter writes: a code that is not listed here is not in
the table, and the shapes report it.
"""

from __future__ import annotations

import functools

from rdflib import Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, RDF, SKOS

AUTHORITY = "http://publications.europa.eu/resource/authority/"
# table -> codes published in it (a subset: the codes govkit's mappings can produce)
TABLES = {
    "language": ("FAS", "ENG", "ARA", "FRA", "DEU", "SPA", "TUR", "AZE", "KUR", "RUS", "ZHO"),
    "access-right": ("PUBLIC", "RESTRICTED", "NON_PUBLIC"),
    "frequency": (
        "DAILY", "WEEKLY", "BIWEEKLY", "MONTHLY", "BIMONTHLY", "QUARTERLY", "ANNUAL_2",
        "ANNUAL_3", "ANNUAL", "BIENNIAL", "TRIENNIAL", "HOURLY", "CONT", "IRREG", "UNKNOWN",
    ),
    "file-type": ("CSV", "JSON", "ZIP"),
}  # fmt: skip


@functools.cache
def concepts() -> Graph:
    graph = Graph()
    for table, codes in TABLES.items():
        scheme = URIRef(AUTHORITY + table)
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        graph.add((scheme, DCTERMS.title, Literal(table, lang="en")))
        for code in codes:
            concept = URIRef(f"{AUTHORITY}{table}/{code}")
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.inScheme, scheme))
            graph.add((concept, SKOS.prefLabel, Literal(code, lang="en")))
    return graph
