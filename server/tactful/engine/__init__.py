"""The engine: a draft in, findings out. Plain Python; never imports a web framework.

- `reviewer`: `Reviewer` runs a pack's rules over a draft (and `Overtime`, its deadline);
- `findings`: `Finding` and `Suggestion`, the result type from engine to wire;
- `authored`, `segment`, `signals`: the authored part of a draft, its sentences and tokens, draft facts;
- `rewrite`: apply chosen suggestions and review again;
- `utf16`, `htmltext`: UTF-16 offsets for the wire, plain text from HTML drafts.
"""
