"""The built-in rule packs, shipped inside the tactful package as `tactful.builtin_packs`."""
