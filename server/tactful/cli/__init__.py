"""The `tactful` command: `main` parses and dispatches to one module per command (`check`, `serve`, `packs`,
`teams`); `common` holds the exit codes, `CommandError`, reading a file and packs on disk; `client` is the
HTTP client of the `packs` server commands."""
