"""The catalog: its models, loading a root into a `Catalog`, and its cross-references."""
