"""govkit: data governance for open-data catalogs kept in git."""

__version__ = "0.1.0"
