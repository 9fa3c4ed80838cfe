"""Rule packs: what a rule is, and how a pack is read, checked and tested.

- `pack`: the pack model, strict loading (`pack.schema.json`), inheritance (`resolve`);
- `disk`: packs on disk: a pack folder merged into one pack (the built-in `rules/core/`), and
  `extends` resolved offline for `tactful check --pack` and `tactful packs test`;
- `spans`: the words that end a clause (how far a `scope: clause` finding stretches), read by
  `disk.core_spans` from `rules/core/spans.yaml` for every pack;
- `phrasebook`, `inflect`: phrase patterns and the word forms they expand to;
- `regex`: rule patterns compiled with RE2 (linear time);
- `yamlmarks`: safe YAML loading that keeps each value's line and column, for compiler-style errors;
- `packtest`: runs each rule's own examples.
"""
