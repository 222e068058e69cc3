"""Formatters: turn findings and reports into text, JSON and other machine formats."""
