"""udv: a public organisation's development plan kept as validated YAML data in git."""

__version__ = "0.1.0"
