"""What portals call govkit's values: the EU authority tables for DCAT-AP, CKAN's licence ids.

The catalog format allows any language tag, ISO 8601 frequency and SPDX licence
id; the portals recognise only their own lists. These tables map the values a
catalog is likely to hold; a value missing here is written as it is (or left
out where the standard allows only its own list), never guessed.
"""

from __future__ import annotations

AUTHORITY = "http://publications.europa.eu/resource/authority/"
EU_ACCESS_RIGHT = AUTHORITY + "access-right/"
EU_FREQUENCY = AUTHORITY + "frequency/"
EU_FILE_TYPE = AUTHORITY + "file-type/"
EU_LANGUAGE = AUTHORITY + "language/"
EU_LICENCE = AUTHORITY + "licence/"

# ISO 8601 repeating intervals (and govkit's words) -> the EU frequency table.
FREQUENCIES = {
    "R/P1D": "DAILY",
    "R/P1W": "WEEKLY",
    "R/P2W": "BIWEEKLY",
    "R/P1M": "MONTHLY",
    "R/P2M": "BIMONTHLY",
    "R/P3M": "QUARTERLY",
    "R/P4M": "ANNUAL_3",
    "R/P6M": "ANNUAL_2",
    "R/P1Y": "ANNUAL",
    "R/P2Y": "BIENNIAL",
    "R/P3Y": "TRIENNIAL",
    "R/PT1H": "HOURLY",
    "continuous": "CONT",
    "irregular": "IRREG",
}

# ISO 639-1 (the primary subtag of a language tag) -> the EU language table's code.
LANGUAGES = {
    "fa": "FAS",
    "en": "ENG",
    "ar": "ARA",
    "fr": "FRA",
    "de": "DEU",
    "es": "SPA",
    "tr": "TUR",
    "az": "AZE",
    "ku": "KUR",
    "ru": "RUS",
    "zh": "ZHO",
}

# SPDX licence ids -> the EU licence table.
EU_LICENCES = {
    "CC-BY-4.0": "CC_BY_4_0",
    "CC-BY-SA-4.0": "CC_BYSA_4_0",
    "CC-BY-NC-4.0": "CC_BYNC_4_0",
    "CC-BY-ND-4.0": "CC_BYND_4_0",
    "CC0-1.0": "CC0",
    "ODbL-1.0": "ODBL",
    "PDDL-1.0": "PDDL",
    "ODC-By-1.0": "ODC_BY",
    "OGL-UK-3.0": "OGL_3_0",
}

# SPDX licence ids -> CKAN's default licence ids (ckan/model/license.py).
CKAN_LICENCES = {
    "CC-BY-4.0": "cc-by",
    "CC-BY-SA-4.0": "cc-by-sa",
    "CC-BY-NC-4.0": "cc-nc",
    "CC0-1.0": "cc-zero",
    "ODbL-1.0": "odc-odbl",
    "PDDL-1.0": "odc-pddl",
    "ODC-By-1.0": "odc-by",
    "OGL-UK-3.0": "uk-ogl",
    "GFDL-1.3-only": "gfdl",
    "GFDL-1.3-or-later": "gfdl",
}


def eu_language(tag: str) -> str | None:
    """`fa` -> `.../language/FAS`; None for a language the table is not known to hold."""
    code = LANGUAGES.get(tag.split("-", maxsplit=1)[0].lower())
    return EU_LANGUAGE + code if code else None


def eu_licence(spdx: str) -> str | None:
    code = EU_LICENCES.get(spdx)
    return EU_LICENCE + code if code else None


# High-value datasets (DCAT-AP HVD): the regulation's ELI and its categories' IRIs
# (http://data.europa.eu/bna/asd487ae75, the HVD category table) with their English labels.
HVD_LEGISLATION = "http://data.europa.eu/eli/reg_impl/2023/138/oj"
HVD_CATEGORY = "http://data.europa.eu/bna/"
HVD_CATEGORIES = {
    "geospatial": ("c_ac64a52d", "Geospatial"),
    "earth-observation": ("c_dd313021", "Earth observation and environment"),
    "meteorological": ("c_164e0bf5", "Meteorological"),
    "statistics": ("c_e1da4e07", "Statistics"),
    "companies": ("c_a9135398", "Companies and company ownership"),
    "mobility": ("c_b79e35eb", "Mobility"),
}
