# Imported as a module so Django finds only this app's config in the file, not KindConfig too.
from heard.activities import registry


class WellbeingSurveyConfig(registry.KindConfig):
    name = "heard.activities.wellbeing_survey"
    label = "wellbeing"
    verbose_name = "Wellbeing surveys"
