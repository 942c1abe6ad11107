# Imported as a module so Django finds only this app's config in the file, not KindConfig too.
from heard.activities import registry


class OpenShareConfig(registry.KindConfig):
    # No models of its own (its rows live in the activities app, label "engagement").
    name = "heard.activities.open_share"
    label = "open_share"
    verbose_name = "Share your experience"
