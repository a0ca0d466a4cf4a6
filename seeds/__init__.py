"""The bundled seed articles: a real newspaper page, the default corpus (data only)."""
