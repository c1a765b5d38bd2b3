"""BeratungsDesk: encrypted case records for counseling against everyday racism."""

__version__ = "0.1.0"
