"""Measuring Tactful on drafts nothing was tuned on: findings (the detector's `make eval`) and one-click rewrites."""
