from __future__ import annotations

from django.db import models

from . import dfe


class ReferenceFigure(models.Model):
    """One official figure (DfE or ONS), kept with the file, publisher and year it came from, so
    every number on a page can say where it is from. Replaced file by file on each import."""

    source_file = models.CharField(max_length=200)
    publisher = models.CharField(max_length=100)
    measure = models.CharField(max_length=60)
    breakdown = models.CharField(max_length=60)
    category = models.CharField(max_length=200)
    geography_code = models.CharField(max_length=20)
    geography_name = models.CharField(max_length=200)
    geography_level = models.CharField(max_length=30)
    time_period = models.CharField(max_length=20)
    year = models.PositiveIntegerField()
    # None where the publisher suppressed the figure (c, x, z, low): never stored as zero.
    value = models.FloatField(null=True, blank=True)
    unit = models.CharField(max_length=40, blank=True)
    imported_at = models.DateTimeField(auto_now_add=True)

    class Meta:
        ordering = ["measure", "geography_code", "-year", "category"]
        indexes = [
            models.Index(fields=["measure", "geography_code", "year"], name="reports_ref_lookup"),
            models.Index(fields=["source_file"], name="reports_ref_source"),
        ]
        permissions = [
            ("view_representation", "Can see representation against the population served"),
        ]

    def __str__(self) -> str:
        return f"{self.measure} {self.category} {self.geography_name} {self.time_period}"

    @classmethod
    def from_parsed(cls, figure: dfe.ReferenceFigure) -> ReferenceFigure:
        return cls(**{name: getattr(figure, name) for name in FIELDS})

    def to_parsed(self) -> dfe.ReferenceFigure:
        return dfe.ReferenceFigure(**{name: getattr(self, name) for name in FIELDS})


FIELDS = ("source_file", "publisher", "measure", "breakdown", "category", "geography_code",
          "geography_name", "geography_level", "time_period", "year", "value", "unit")
