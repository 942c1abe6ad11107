"""The bottom layer: small helpers every app may use, importing no other app. suppression,
vocab, limits and csv_safe are pure (no Django; import-linter checks it); mail,
privacy_logging and units (the signals around each task, check and command) are the
Django-side helpers. See docs/architecture.md."""
