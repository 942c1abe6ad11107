"""The words of the demo consultation's answers and the demo Call for Ideas (`heard demo`).

Kept apart from `heard.activities.demo` (which writes them through Django) and free of Django,
so that triage tuning can score them: the thresholds are picked so that none of these is ever
flagged (`heard.safety.triage_tune.demo_texts`), because a flagged idea is never published.
Synthetic, written for this project.
"""

from __future__ import annotations

HELPED = (
    "My carer let me pack my own things and took photos of my old room.",
    "My social worker came with me and stayed for tea on the first night.",
    "I got to visit the new house twice before I moved in.",
    "Keeping my phone and my bike made it feel less strange.",
    "Nobody told me anything until the morning, so nothing really helped.",
    "My little brother moved with me, and that helped most.",
    "The new school knew I was coming and had a buddy ready for me.",
    "My independent visitor phoned me every week after the move.",
)
CHANGES = (
    "Tell children at least a week before, and say why.",
    "Never move brothers and sisters apart without asking them first.",
    "Give every child a proper bag, not a bin bag.",
    "Let us meet the new carers before we move.",
    "Let us keep the same school if we want to.",
    "Write down what we like to eat and how we sleep for the new carers.",
)
IDEAS = (
    ("A welcome box", "Every child arriving in a new home gets a welcome box with a toothbrush, "
                      "pyjamas, a night light and a phone charger."),
    ("Same worker for a year", "When a child comes into care, the same social worker stays for "
                               "at least the first year."),
    ("Sibling days", "Brothers and sisters who live apart get a day out together every month."),
    ("Records in our words", "Records are written to the child, in words they can understand."),
    ("Care leaver hub", "A drop-in place where care leavers can get help with money and housing."),
    ("Dads at meetings", "Fathers are invited to every meeting about their children, by name."),
)
