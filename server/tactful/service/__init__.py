"""Packs in service: the compiled reviewer for each pack, feedback counters, and their upkeep.

One module per part: `registry` (the `PackRegistry` and compiling a pack's
YAML), `feedback` (the `FeedbackCounter`) and `background` (the thread that
flushes counts and polls the store). The names below are the package's
public surface; import them from `tactful.service`.
"""

from .background import Background
from .feedback import ACTIONS, FeedbackCounter
from .registry import PackRegistry, compile_source, precheck

__all__ = ["ACTIONS", "Background", "FeedbackCounter", "PackRegistry", "compile_source", "precheck"]
