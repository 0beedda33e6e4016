"""The data engine: Table Schemas compiled to checks that an embedded DuckDB runs."""
