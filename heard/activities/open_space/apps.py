# Imported as a module so Django finds only this app's config in the file, not KindConfig too.
from heard.activities import registry


class OpenSpaceConfig(registry.KindConfig):
    name = "heard.activities.open_space"
    # The engagement app already owns the label "engagement"; this one needs its own.
    label = "open_space"
    verbose_name = "Open Space events"

