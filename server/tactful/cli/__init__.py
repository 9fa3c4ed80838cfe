"""The `tactful` command (`main`: check, serve; `packs`: the pack and token subcommands)."""
