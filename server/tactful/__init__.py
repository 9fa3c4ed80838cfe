"""Tactful: reviews a reply to a customer before it is sent.

The engine (`tactful.engine`) is plain Python: text in, findings out. The
server (`tactful.server`) and the CLI (`tactful.cli`) are thin front ends.
"""

__version__ = "0.1.0"
