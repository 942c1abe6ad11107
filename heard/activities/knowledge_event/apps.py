# Imported as a module so Django finds only this app's config in the file, not KindConfig too.
from heard.activities import registry


class KnowledgeEventConfig(registry.KindConfig):
    # No models of its own (its rows live in the activities app, label "engagement").
    name = "heard.activities.knowledge_event"
    label = "knowledge_event"
    verbose_name = "Knowledge events"
