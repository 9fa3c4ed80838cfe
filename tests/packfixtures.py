"""The small team pack the pack tests publish, test and break (one rule for an internal code name), and a
team with an admin and a member token."""

from __future__ import annotations

from tactful.server.auth import hash_token, new_token
from tactful.server.parts import parts

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


class Team:
    def __init__(self, app, name, pack=None):
        store = parts(app).store
        store.create_team(name, pack)
        self.admin, self.member = new_token(), new_token()
        store.add_token(name, "admin", hash_token(self.admin))
        store.add_token(name, "member", hash_token(self.member))


def bearer(token):
    return {"Authorization": f"Bearer {token}"} if token else {}
