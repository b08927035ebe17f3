"""assess: build a static customer-obsession self-assessment from YAML question banks."""

__version__ = "0.1.0"
