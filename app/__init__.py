"""squaddesk core: plain Python, no Qt. `ui/` stands on this package, never the reverse."""

__version__ = "0.1.0"
