# Imported as a module so Django finds only this app's config in the file, not KindConfig too.
from heard.activities import registry


class OpinionMapConfig(registry.KindConfig):
    name = "heard.activities.opinion_map"
    # Was the top-level app heard/opinions; the label stays so its migrations, tables and
    # deployed data are untouched by the move.
    label = "opinions"
    verbose_name = "Opinion maps"

