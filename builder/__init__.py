"""assess: build a static customer-obsession self-assessment from YAML question banks."""

__version__ = "0.1.0"
#: the distribution's name (pip install ...): "assess" on PyPI is an unrelated project; the command stays `assess`
DISTRIBUTION = "assess-obsession"
