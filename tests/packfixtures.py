"""The small team pack the pack tests publish, test and break: one rule for an internal code name."""

from __future__ import annotations

CODENAME_RULE = """\
  - id: overshare.codename
    kind: phrases
    category: overshare
    severity: warning
    message: "{message}"
    rationale: Describe the feature in the customer's words.
    phrases: ["project falcon"]
    suggestions:
      - replacement: "the new release"
        label: Describe it
    examples:
      flag: ["It ships with [[project Falcon]] soon."]
      pass: ["{passing}"]
"""


def codename_rule(message: str = "Internal code names mean nothing to the customer.",
                  passing: str = "It ships with the new release soon.") -> str:
    return CODENAME_RULE.format(message=message, passing=passing)


def codename_pack(label: str = "1.0", message: str = "Code names mean nothing.", passing: str = "It ships soon.",
                  head: str = "") -> str:
    """Pack `team-a`, extending core, with `head` (disable/overrides) before its one rule."""
    return f'pack: team-a\nversion: "{label}"\nextends: core\n{head}rules:\n' + codename_rule(message, passing)
