"""The recognisers, one module per family. Each module is pure Python plus Presidio and spaCy.

To add a family: write a module here whose factory returns a Presidio ``EntityRecognizer``
(usually a :class:`~.base.RuleRecogniser`), add its type to ``spans.PLACEHOLDERS`` and
``spans.TYPE_LABELS``, and list the factory below.
"""

from __future__ import annotations

from ..presidio import (
    CreditCardRecognizer,
    EntityRecognizer,
    IbanRecognizer,
    IpRecognizer,
    UsSsnRecognizer,
)
from .address import address_recogniser, postcode_recogniser
from .base import NearDigits
from .contact import email_recogniser, phone_recogniser, social_handle_recogniser, url_recogniser
from .dates import date_of_birth_recogniser
from .identifiers import (
    card_after_cue_recogniser,
    nhs_after_cue_recogniser,
    nhs_recogniser,
    nino_recogniser,
)
from .model import NerRecogniser
from .organisation import organisation_recogniser
from .person import person_cue_recogniser
from .place import place_recogniser


def all_recognisers() -> list[EntityRecognizer]:
    return [
        NerRecogniser(),
        email_recogniser(),
        url_recogniser(),
        NearDigits(CreditCardRecognizer()),
        NearDigits(IbanRecognizer()),
        NearDigits(UsSsnRecognizer()),
        NearDigits(IpRecognizer()),
        card_after_cue_recogniser(),
        phone_recogniser(),
        postcode_recogniser(),
        nhs_recogniser(),
        nhs_after_cue_recogniser(),
        nino_recogniser(),
        address_recogniser(),
        organisation_recogniser(),
        person_cue_recogniser(),
        place_recogniser(),
        date_of_birth_recogniser(),
        social_handle_recogniser(),
    ]
