# Imported as a module so Django finds only this app's config in the file, not KindConfig too.
from heard.activities import registry


class CallForIdeasConfig(registry.KindConfig):
    # No models of its own (its rows live in the activities app, label "engagement").
    name = "heard.activities.call_for_ideas"
    label = "call_for_ideas"
    verbose_name = "Calls for Ideas"
