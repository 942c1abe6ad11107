"""Deterministic generator of SYNTHETIC demo contributions for ``heard demo``.

Every word here is invented. No text describes a real person, and the few first names and
school names that appear (flagged by ``contains_personal_data``) are fictional, there only so
that the redaction feature has something to find. The texts never disclose risk: no abuse,
no self-harm, no danger.

The generator is pure Python and deterministic for a given ``seed`` and ``count``. Texts are
composed from hand-written sentence pools grouped by theme and voice, so themes stay
recognisable to a topic model while voices stay distinct. Representation gaps are built in on
purpose (few fathers, few other family members, few care leavers over 21) so that the app's
"hidden voices" alert has something to report on the demo.

Perspective, kind and equality codes come from ``heard.core.vocab``; only demo-only lists
(local authorities, themes, fictional names) are defined here.
"""

from __future__ import annotations

import random
import re
from collections.abc import Mapping, Sequence
from dataclasses import dataclass, field

from heard.core import vocab

# ---------------------------------------------------------------------------------------------
# Demo-only lists. The vocabulary itself (kinds, perspectives, equality codes and their labels)
# lives in heard.core.vocab; the hard-coded codes below are checked against it by the tests.
# ---------------------------------------------------------------------------------------------

# Kind codes in vocab order (story, problem, idea); _KIND_WEIGHTS follows the same order.
_KIND_CODES: tuple[str, ...] = tuple(code for code, _, _ in vocab.KINDS)

# Real English upper-tier local authorities, by their official names.
DEMO_LOCAL_AUTHORITIES: tuple[str, ...] = (
    "Leeds",
    "Manchester",
    "Birmingham",
    "Kent",
    "Hackney",
    "Cornwall",
    "Norfolk",
    "Bristol, City of",
    "Derbyshire",
    "Sunderland",
)

EQUALITY_KEYS: tuple[str, ...] = (
    "age_band",
    "gender",
    "ethnicity",
    "disability",
    "local_authority",
)

THEMES: tuple[str, ...] = (
    "placement_moves",
    "social_worker_changes",
    "being_listened_to",
    "leaving_care",
    "family_contact",
    "fathers_excluded",
    "kinship_support",
    "education",
    "mental_health",
    "file_not_person",
    "workforce_caseloads",
    "what_would_help",
)
THEME_LABELS: dict[str, str] = {
    "placement_moves": "Moving home (placement moves)",
    "social_worker_changes": "Changing social workers",
    "being_listened_to": "Being listened to in reviews and meetings",
    "leaving_care": "Leaving care",
    "family_contact": "Seeing brothers, sisters and parents",
    "fathers_excluded": "Fathers left out",
    "kinship_support": "Support for kinship carers",
    "education": "School and education",
    "mental_health": "Waiting for mental health support",
    "file_not_person": "Treated like a file, not a person",
    "workforce_caseloads": "Caseloads and staff turnover",
    "what_would_help": "What would help",
}

# Fictional personal data, used in about 5% of texts so redaction has something to find.
FICTIONAL_NAMES: tuple[str, ...] = (
    "Kayla", "Jordan", "Amira", "Tyler", "Leah", "Ryan",
    "Sana", "Connor", "Maisie", "Dylan", "Zara", "Ellis",
)  # fmt: skip
FICTIONAL_SURNAMES: tuple[str, ...] = (
    "Hartley", "Okafor", "Pennington", "Brennan", "Ashworth", "Latham",
)  # fmt: skip
FICTIONAL_SCHOOLS: tuple[str, ...] = (
    "Brackenfield Primary School",
    "Larchmere Academy",
    "St Oswin's Primary",
    "Hollowbrook High School",
    "Kestrel Vale Academy",
)

PERSONAL_DATA_SHARE = 0.05


@dataclass(frozen=True)
class DemoContribution:
    """One synthetic contribution. ``theme_hint`` is for tests only, never shown as truth."""

    kind: str
    title: str
    text: str
    perspectives: tuple[str, ...]
    theme_hint: str
    consent_analysis: bool
    consent_quote: bool
    consent_publish: bool
    equality: dict[str, str]
    days_ago: int
    feeling_of_influence: int | None
    contains_personal_data: bool = False
    personal_data_terms: tuple[str, ...] = field(default=())


# ---------------------------------------------------------------------------------------------
# Sentence pools
#
# Pools are plain data: one sentence per line inside a block, turned into a tuple by _pool().
# Placeholders in braces ({age}, {sib}, {n_moves} ...) are filled once per text so that the
# details in one text agree with each other.
#
# Voices: young (child in care under 12), teen (child in care 12-17), leaver, adopted,
# mother (also used for other parents), father, kinship (grandparent raising grandchildren),
# grandparent and sibling (other family), foster, sw (social worker), prof (other
# professionals), dual (care-experienced professional).
# ---------------------------------------------------------------------------------------------


def _pool(block: str) -> tuple[str, ...]:
    """Turn a block with one sentence per line into a tuple of sentences."""
    return tuple(line.strip() for line in block.strip().splitlines() if line.strip())


LIVED: dict[str, dict[str, tuple[str, ...]]] = {
    "placement_moves": {
        "young": _pool("""
I have lived in {n_moves} different houses since I came into care.
Every time I move I have to get used to new rules and new food.
Once I had to move and I only found out that morning.
My things went in black bin bags and some of my toys got lost.
I don't know why I had to move. Nobody told me properly.
At my new house I didn't know where the light switches were at night.
I miss my old bedroom and my friend who lived next door.
I want to stay where I am now until I am big.
When I move I have to change school too and I don't like that.
My foster carers now have a dog and a big garden and I like it here.
"""),
        "teen": _pool("""
I've moved {n_moves} times and honestly I've stopped unpacking properly.
You get told on a Friday you're moving on Monday and that's it, no say in it.
Every new place you have to learn everyone's moods and what you're allowed to eat.
My stuff always ends up in bin bags, which is proper embarrassing turning up somewhere new.
I got moved miles away from my mates and it felt like starting my whole life again.
People think moving is just a new address but it's new school, new friends, everything.
Nobody asked what I thought about the new place, they just said it was the only one free.
I ended up in a children's home out of area for a bit and didn't know anyone.
The worst move was when I'd finally settled and it still ended.
At this point I don't bother getting attached because I figure I'll be gone soon.
"""),
        "leaver": _pool("""
Between the ages of eight and sixteen I lived in {n_moves} different homes.
Looking back, it wasn't one move that did the damage, it was never knowing when the next would come.
I learned to keep my things in one bag, and I still do that even though I have my own flat.
Some of the moves were for good reasons, but nobody explained them to me at the time.
Each move meant a new school, a new doctor, a new set of adults reading my file before meeting me.
I can count on one hand the homes where I felt part of the household rather than a guest.
The carers I remember most fondly are the ones who kept in touch after I left.
It took me years as an adult to see how much the instability shaped the way I trust people.
I was moved once because my carers were going on holiday and there was no plan for me.
"""),
        "mother": _pool("""
My children have been moved {n_moves} times since they came into care.
I only found out about the last move when my youngest told me at family time.
Every move means new carers I've never met looking after my children.
My eldest has been placed two hours away, so seeing them is a whole day's journey.
I was told the moves were about finding the right match, but it looks like finding any bed.
Each time they move, my children come to contact quieter and more unsettled.
Nobody asks me what my children need to feel at home, even though I know them best.
"""),
        "foster": _pool("""
We have had children arrive with an hour's notice and hardly any information about them.
Matching is often about which bed is free rather than what a child actually needs.
Children still arrive with everything they own in bin bags, and it upsets me every time.
When a placement ends, the child often doesn't get a proper goodbye, and neither do we.
We were asked to take a teenager for 'a few nights' and he stayed with us for three years.
The children who have moved most are often the slowest to unpack and quickest to expect the worst.
Support tends to arrive after things have gone wrong rather than when we first ask for it.
I have fostered for {years} years and the shortage of carers is the worst I have known.
"""),
        "sw": _pool("""
Too many moves happen because there is no other option on the day, not because it's right.
I have spent whole afternoons ringing round providers trying to find any bed at all.
Sufficiency is the real issue: we don't have enough local carers, so children go miles away.
Every unplanned move undoes months of work on trust and stability.
I try to visit before a move and explain what is happening, but caseloads don't always allow it.
Placement stability meetings often come too late, once the carers have already given notice.
Children tell me the worst part is the not knowing, and I understand why.
"""),
        "prof": _pool("""
I regularly see children arrive mid-term after another move, with no records following them.
Each move means a new GP, new waiting lists and health information that doesn't travel.
By the time we have built a relationship and a plan, the child has often been moved again.
Out-of-area placements make it very hard for local services to stay involved.
I have sat in meetings where a move was agreed without anyone asking the child or the school.
The practical things matter too: uniform, kit and transport are rarely sorted before a move.
"""),
        "dual": _pool("""
I moved {n_moves} times as a child, so I know what a phone call on a Friday afternoon means.
Now I'm on the other side, I can see the pressure that drives moves, but I remember the cost.
I still keep my important things in one box, a habit from all those moves.
When a child I work with has to move, I make sure they have a proper bag and a proper goodbye.
The moves that stayed with me were the ones nobody explained, so I always explain.
"""),
    },
    "social_worker_changes": {
        "young": _pool("""
I have had {n_workers} social workers and I can't remember all their names.
My social worker left and nobody told me. A new one just came.
I liked my old social worker because she took me to the park and listened.
When I get a new one I have to tell my story all over again.
Sometimes my social worker forgets to come when she says she will.
I wish my social worker could stay until I am a grown-up.
The new social worker called me the wrong name at first.
"""),
        "teen": _pool("""
I've had {n_workers} social workers in about two years, so what's the point getting to know them.
Every new one wants to 'build a relationship' and then they're gone in six months.
I only found out my social worker had left when someone else turned up at school.
It's awkward having to explain your whole life to a stranger every few months.
The good ones actually text back and remember stuff you told them.
Half the time visits get cancelled and nobody rings to say.
I stopped telling them anything important because it just gets lost when they leave.
One of them actually came back to say goodbye properly, and that meant a lot tbh.
"""),
        "leaver": _pool("""
Over my time in care I had {n_workers} social workers, and a couple of them I only met once.
Each change meant starting again, and I learned to give the short version of my life.
The worker I trusted most left without saying goodbye, and I took it personally for years.
I understand now that people leave jobs for good reasons, but as a child it felt like being dropped.
The continuity I did have came from my foster carer, not from the system.
When my personal adviser changed at nineteen it felt like the same pattern all over again.
"""),
        "mother": _pool("""
We have had {n_workers} different social workers since my children came into care.
Every time the worker changes, the plan changes, and I have to prove myself again from the start.
I agreed things with one worker and the next one said they had no record of it.
Nobody phones to say the worker has left; I find out when my emails go unanswered.
My children get anxious before every new worker's visit because they don't know who to expect.
It is hard to build trust with someone when you know they probably won't be there next month.
"""),
        "father": _pool("""
I've lost count of social workers, and none of them ever seemed to have my number on file.
Each new worker reads the file, sees I'm the dad, and assumes I'm not important.
I rang the office three weeks running and was told the worker had left and nobody had the case.
I'd just got one worker to listen to me and then she moved teams.
Every change sets me back to square one, proving I'm a decent dad all over again.
"""),
        "kinship": _pool("""
In two years we've had {n_workers} social workers and every one of them asks the same questions.
I keep having to explain our family to people half my age who are new to the case.
The changes unsettle my grandchildren; they stop believing anybody is going to stick around.
Promises made by one worker about support just disappear when the next one arrives.
"""),
        "foster": _pool("""
Some years the children in our care have had more social workers than birthdays.
Each change means delays, because decisions wait until the new worker has read the file.
A good social worker who stays makes an enormous difference to how settled a child feels.
We end up being the ones who hold the history and explain it to the next worker.
"""),
        "sw": _pool("""
I inherited cases from a colleague who had left and some children hadn't been visited for weeks.
I know I'm the fifth or sixth worker for some of the children I support, and they tell me so.
Agency staff come and go, and the children pay the price for that churn.
When I leave a role I try to do a proper handover visit, but it isn't always possible.
Children are right to be wary of us when they have seen so many workers come and go.
I've worked with children who have had a new social worker every year since they came into care.
When I started in this team, I was handed forty cases and a list of overdue visits.
"""),
        "dual": _pool("""
As a child I had {n_workers} social workers, and now I'm on the other side I see exactly why.
I remember telling my story to yet another stranger, so I never rush a first visit.
I can see how turnover happens from the inside, but I also remember what it cost me.
When I move on from a piece of work I say goodbye in person, because nobody did that for me.
Children notice who stays; I certainly did.
"""),
    },
    "being_listened_to": {
        "young": _pool("""
At my meetings there are lots of grown-ups and they use big words.
I was scared to say what I wanted in front of everyone.
They asked me what I thought but then they did something different.
I like it when someone writes down exactly what I say.
I would rather talk to the person who runs my meeting on my own first.
Sometimes I say I'm fine just so the meeting ends quicker.
I wanted to stay at my school and I told them, and they listened, which was good.
"""),
        "teen": _pool("""
Reviews are basically a room full of adults talking about you like you're not there.
I said the same thing at three reviews in a row and nothing changed.
They ask 'how are you finding things' and you can't be honest with your carer sat right there.
My advocate was the first person who actually helped me say what I wanted.
I stopped going to my reviews because it felt like it was all decided already.
The minutes never sound like what I actually said.
When my IRO met me on my own beforehand it felt completely different.
Being listened to isn't someone nodding, it's seeing something actually happen after.
"""),
        "leaver": _pool("""
I remember sitting in reviews feeling like the least important person in the room.
The adults seemed to have agreed the plan in the corridor before I came in.
Later I read my records and saw that my views were summarised in one line.
I felt heard when someone came back and told me what had changed because of what I said.
It took me until I was seventeen to realise I was allowed to chair part of my own review.
Being asked for your views is not the same as being listened to, and children know the difference.
"""),
        "adopted": _pool("""
As a child nobody really asked me what I thought about my adoption or about contact.
Decisions about my life story were made by adults, and I found out the details much later.
When I finally asked questions as a teenager, people were nervous about answering them.
I wish someone had sat with me and asked what I wanted to know, rather than deciding for me.
Adopted children have views too, but once the order is made it feels like nobody checks.
"""),
        "mother": _pool("""
In meetings I feel judged before I have even opened my mouth.
I was given the report ten minutes before the meeting and expected to respond to it.
When I disagree I get written down as 'not engaging', even when I'm calmly asking questions.
My children's views were in the report but mine were left out completely.
The meeting room is full of professionals who all know each other, and I sit on my own.
I would listen to them if they would listen to me; I know my children better than anyone.
Once, a chair stopped the meeting to ask what I thought, and I still remember it.
"""),
        "father": _pool("""
I sat through a whole meeting and nobody addressed a single question to me.
If I push to be heard I'm called aggressive, if I stay quiet I'm called uninterested.
They asked for the mum's views on everything, and mine weren't even in the minutes.
I'm not asking for special treatment, I'm asking to be treated as a parent.
"""),
        "sibling": _pool("""
Nobody has ever asked me what I think about my {sib}'s care plan.
I know my {sib} better than any professional, but I'm not invited to anything.
I found out about a review meeting after it had happened.
When I did speak up, they said they'd 'take it into account', and I never heard back.
"""),
        "prof": _pool("""
In reviews I try to make sure the child's voice leads, but the format often works against that.
Children tell me they find big meetings intimidating, so I meet them separately first.
Too often a child's wishes are recorded and then not followed up between reviews.
Parents, especially fathers, are regularly missing from the list of people consulted.
When a child sees their view change something, they engage in the next review very differently.
I worry that 'voice of the child' has become a box to tick in reports.
Children rarely see the minutes of their own reviews in words they can understand.
"""),
        "dual": _pool("""
I sat in those review meetings as a child, and now I'm the one on the other side of the table.
I remember nodding along so I wouldn't upset anyone, so I look out for that in children now.
Having been on both sides, I know how quickly a child can tell whether a question is genuine.
I push for children to get the minutes in plain language, because I never understood mine.
The meetings where I felt heard were small, with people I knew, and that hasn't changed.
"""),
    },
    "leaving_care": {
        "teen": _pool("""
I'm {age} and everyone keeps talking about 'independence' like it's a prize.
My pathway plan was written by someone I'd met twice.
I'm worried about having to budget for everything on my own.
My carers said I could stay put but they're not sure the money will work out for them.
I want to go to college but I don't know where I'll be living next year.
My mates who live at home don't have to leave at eighteen, so why should I?
Nobody has shown me how to pay bills or cook more than pasta.
"""),
        "leaver": _pool("""
I turned eighteen and within weeks I was in a flat on my own with a box of kitchen stuff.
The loneliness was the hardest part; nobody warns you about the evenings.
I got behind on rent in my first year because I didn't understand how universal credit worked.
My friend got to stay put with her foster carers, and I could see the difference it made.
My personal adviser was great, but she had so many young people she could only see me monthly.
At Christmas I realised I had nowhere I was expected to be.
Supported accommodation felt like a waiting room; everyone was just passing through.
I'm {age} now and I still don't have a guarantor for a private rental.
The setting up home allowance ran out before I had a bed and a fridge.
Most people get to fail and go home, but care leavers don't have that safety net.
I had to learn about tenancy agreements, council tax and energy bills all in the same month.
The first time I got ill in my flat, I realised there was nobody to bring me soup.
"""),
        "foster": _pool("""
Staying Put is wonderful in principle, but the allowance drops and many carers can't afford it.
Our young person turned eighteen and overnight was treated as an adult with no support network.
We still have young people ring us years after they've left, and we're glad they do.
Preparation for adult life should start years earlier than it does.
We have had to choose between keeping a care leaver on and taking a younger child who needs a bed.
"""),
        "sw": _pool("""
Pathway planning is often rushed because the young person is already seventeen and a half.
The housing options for care leavers here are very limited and often far from their support.
Young people tell me the cliff edge at eighteen feels like being pushed out.
Staying Put arrangements break down over money more than over relationships.
Personal advisers are stretched too thin to offer the relationship young people really need.
"""),
        "prof": _pool("""
I see care leavers placed in temporary accommodation with no furniture and no one to call.
Many of the young people I work with are managing debt at nineteen that they never understood.
Council tax exemptions help, but the paperwork puts some young people off claiming anything.
Loneliness is the thing care leavers raise most often with me, more than money.
Too many young people only find out what they are entitled to when something goes wrong.
The move from children's to adult services feels like falling off a cliff for many of them.
"""),
        "dual": _pool("""
I left care at eighteen with a bin bag and a bus pass, and now I help young people make that move.
I know the quiet of that first flat, so nobody I work with leaves without a plan for the evenings.
When young people tell me they should be coping, I tell them I didn't cope either at first.
The system calls it independence, but what I needed at eighteen was interdependence.
I recognise the panic about bills in the young people I support, because I felt it too.
"""),
    },
    "family_contact": {
        "young": _pool("""
I only see my {sib} once a month at the contact centre.
The contact room has old toys and it is boring but I still want to go.
I don't know why my {sib} lives somewhere different to me.
I like it when I can phone my mum on a Sunday.
Sometimes contact gets cancelled and I wait by the window for nothing.
I want to do normal things with my {sib} like go to the park.
When contact ends I feel sad in my tummy for the rest of the day.
"""),
        "teen": _pool("""
Me and my {sib} got split up and now we see each other like twice a term.
Contact in a family centre with someone watching is so awkward, it's not real life.
I'd rather just meet my {sib} in town like a normal person.
Sometimes I find out stuff about my family on social media before anyone tells me.
When my mum misses contact I'm the one who has to deal with how I feel after.
I want a say in who I see and when, I'm not a little kid anymore.
My carers are good about it, they let my {sib} come round for tea sometimes.
"""),
        "leaver": _pool("""
I was separated from my {sib} at nine and we only properly reconnected as adults.
Sibling contact was always the first thing to be cancelled when there was a staff shortage.
We spent our childhoods as visitors in each other's lives.
Contact with my parents was complicated, but I still needed to know them.
I didn't know I had younger brothers and sisters until I read my file.
Those supervised visits in a small room with a stranger taking notes still come back to me.
"""),
        "adopted": _pool("""
I had letterbox contact with my birth mum once a year, and some years the letter never came.
I found out I had a {sib} through a DNA test, not through anyone telling me.
As a teenager I wanted to know my birth family, but I didn't know who to ask.
My adoptive parents were supportive, but the system made contact feel like a thing to manage.
I think adopted children should keep links with brothers and sisters wherever they can.
"""),
        "mother": _pool("""
I see my children for two hours a fortnight in a room with a stranger taking notes.
Contact gets cancelled with hardly any notice and I have to explain it to my youngest on the phone.
My children are in three different homes and they hardly see each other.
I travel two hours each way on buses to get to contact and nobody helps with the fare.
Every word I say at contact is written down and read back later.
I just want my children to know I haven't forgotten them.
I bring the same snacks every time because my youngest asks for them.
"""),
        "sibling": _pool("""
My little {sib} went into care when I was already eighteen and living on my own.
I asked to see my {sib} and was told contact with siblings wasn't a priority.
Nobody thinks of brothers and sisters as family that needs to be kept involved.
I just want to be a normal older sibling, not a visitor with a time slot.
"""),
        "grandparent": _pool("""
I'm their {gp} and I had to ask three times before anyone told me where they were living.
We used to have them every Saturday, and now we get a card at Christmas if we're lucky.
Grandparents have no automatic right to see them, and it feels like we've been erased.
I worry they'll grow up thinking their family didn't want them.
"""),
        "kinship": _pool("""
Managing contact with their mum is one of the hardest parts of being a kinship carer.
I'm expected to supervise contact with my own daughter, which puts me in an impossible position.
Nobody gave me any training on how to handle contact, I'm just meant to get on with it.
The children come back unsettled and I'm the one picking up the pieces at bedtime.
Their brother lives with another family, and keeping them in touch is down to me.
"""),
        "foster": _pool("""
We work hard to keep siblings in touch, but it takes a lot of driving and organising.
Contact is often arranged around professionals' diaries, not the child's school day.
Children come back from contact needing a lot of reassurance, and that's normal, not a problem.
I've seen how much a child lights up after seeing their brother or sister.
We've driven hundreds of miles so that a child can see their sister for an hour.
Some of the best family time happens at our kitchen table rather than in a contact centre.
"""),
        "dual": _pool("""
I grew up apart from my {sib}, and I see the same pattern in the families I work with now.
Family time was the part of care I remember most clearly, the good and the hard.
I know how much one missed visit can mean, so I fight to keep them going.
Professionally I understand why contact is supervised; personally I remember how it felt.
Now I arrange family time for other children, and I try to make it feel like family, not a visit.
When a family time session is cancelled I ring the child myself, because I remember waiting.
"""),
    },
    "fathers_excluded": {
        "father": _pool("""
I found out my {child_word} had gone into care from a neighbour, not from the council.
Every letter was addressed to the mum, and I had to chase for copies of anything.
I wasn't invited to the first big meeting, even though I have parental responsibility.
The assessment was all about the mum's house; nobody came to see mine.
When I asked to be assessed as a carer I was told to get a solicitor.
Dads get treated like a problem or an afterthought, there's no in-between.
I've done every course they asked me to and I still feel like I'm on the outside.
I work full-time and meetings are always at ten in the morning on a weekday.
My {child_word} asked me why I didn't come to the meetings, and I had to say I wasn't asked.
I just want to be part of my {child_word}'s life and be treated like a parent.
The family meeting was arranged with her side of the family only.
"""),
        "teen": _pool("""
I didn't see my dad for ages because apparently nobody had his number.
Social workers always ask about my mum but they never ask about my dad.
My dad wanted to come to my review but they said it was too late to add him.
I found my dad's side of the family myself and they never even knew I was in care.
When I asked about my dad, they changed the subject like it was a secret.
My dad turned up to one meeting and everyone acted surprised he cared.
I'd like to know my dad's side properly, not just what's in the file.
"""),
        "sw": _pool("""
If I'm honest, fathers are often missing from our assessments because they're harder to reach.
Our systems default to recording the mother as the main contact, and fathers drop off.
When we do engage dads early, plans are usually stronger and there are more family options.
Paternal relatives are an under-used source of kinship care in my experience.
I've had dads say I'm the first social worker who ever phoned them directly.
I try to send every letter to both parents now, but the system makes that harder than it should be.
Dads who are working full-time are almost impossible to fit into our nine-to-five meetings.
"""),
        "prof": _pool("""
In health records the father's details are often missing completely.
Schools usually have one contact number for a child, and it's rarely the dad's.
We talk about 'parents' but in practice we mean mothers most of the time.
Fathers I meet are often wary because they expect to be judged, and sometimes they are right.
Fathers often only appear in our records when something has gone wrong.
I've seen dads sit at the back of meetings and never be asked a single question.
"""),
        "grandparent": _pool("""
As the children's {gp} on their dad's side, we were never even considered as carers.
Our son was pushed out of the process and we were pushed out with him.
We offered our home and nobody came to look at it.
"""),
    },
    "kinship_support": {
        "kinship": _pool("""
I took my grandchildren in overnight and nobody asked how I would afford it.
Foster carers get an allowance, training and support, and we get far less for the same job.
I had to give up work to look after them, and my pension plans went out of the window.
We're in a two-bedroom flat and the council says we're not a priority for a move.
Once the special guardianship order was made, the social worker closed the case almost at once.
I love them, but I'm tired, and I'm not as young as I was.
I had to pay for the legal advice myself, and it cost more than my savings.
Nobody told me about kinship carer groups until a friend mentioned one.
School uniforms, shoes, school trips, it all adds up on a pension.
I worry about what happens to them if my health goes.
I'm their {gp}, not their social worker, but sometimes I'm expected to be both.
The paperwork alone would put most people off, and I'm not good with forms online.
"""),
        "grandparent": _pool("""
I offered to take them but I was told I was too old, without any real assessment.
My friend is raising her grandchildren with almost no help, so I understand why people hesitate.
We would have stepped in sooner if anyone had told us what support was available.
"""),
        "sw": _pool("""
Kinship carers step up in a crisis and then we often step back far too quickly.
The financial support for special guardians varies hugely between local authorities.
Many kinship carers are grandparents managing their own health alongside children's needs.
I have seen kinship arrangements end that could have been saved with a bit of respite.
Special guardians often tell me they feel the support disappears on the day the order is made.
Grandparents stepping in tend to put their own needs last, and we let them.
I wish I could offer kinship carers the same training and support we give foster carers.
"""),
        "prof": _pool("""
In school I see grandparents raising children with very little help and no idea of their rights.
Kinship families often miss the services looked-after children get, even when needs are the same.
Children in kinship care carry the same history, but support drops away after the order.
The grandparents I meet are often doing this on a pension, with no idea what help exists.
Kinship children often go without the priority for services that children in care have.
"""),
    },
    "education": {
        "young": _pool("""
I have been to {n_schools} schools and I keep having to make new friends.
My teacher is kind and lets me have a calm corner when I need it.
At my old school everyone knew I was in care and that made me feel different.
I want to be a vet when I grow up so I try hard at science.
When I moved school I was behind in maths and nobody helped me catch up.
I like it when my foster carer comes to parents' evening.
"""),
        "teen": _pool("""
I've been to {n_schools} secondary schools, so my GCSE options basically got picked for me.
Every time I start a new school they put me in bottom sets until they figure me out.
My PEP meetings are the one time people ask what I actually want to do.
Teachers sometimes mention me being in care in front of the class, which is not ok.
I got excluded for stuff that happened because I was stressed about moving.
The designated teacher at my school is sound, she checks in every week.
Missing lessons for meetings makes it look like I don't care about school.
"""),
        "leaver": _pool("""
I changed schools {n_schools} times and ended up with hardly any GCSEs.
It took me until my twenties to go back to college and prove I wasn't thick.
The virtual school helped, but it mostly happened in meetings I wasn't part of.
I'm the first in my family to go to university, and the bursary made that possible.
One teacher who believed in me did more than any plan ever did.
I always felt like the label 'looked after' arrived at school before I did.
"""),
        "adopted": _pool("""
At school nobody understood why I found transitions and changes so hard.
I was labelled as badly behaved when really I was anxious all the time.
The adoption support fund paid for therapy, but school never knew what I was dealing with.
A teacher once set a family tree homework, and I didn't know where to start.
"""),
        "foster": _pool("""
Getting a school place after a move can take weeks, and the child is just sat at home.
Pupil premium plus is meant to help, but it's hard to see where it goes.
Our children need teachers who understand how moves and worry affect learning.
I've had to fight for an education, health and care plan assessment for over a year.
"""),
        "prof": _pool("""
I often get a new pupil with no records and no idea of their history.
Mid-year admissions for children in care should be immediate, but they are often delayed.
Children who have moved a lot need stability in school, sometimes more than anywhere else.
PEP meetings can become paperwork exercises unless the young person is genuinely involved.
Exclusions of children in care make me worry that we haven't understood their behaviour.
The virtual school is a real help when it is properly staffed.
When a child moves, I rarely get the chance to hand over to the next school.
"""),
    },
    "mental_health": {
        "teen": _pool("""
I've been on the CAMHS waiting list for {months} months and nobody tells me where I am on it.
I get really anxious and can't sleep, but they said it's not bad enough yet.
Every time I move, my referral starts again from scratch.
I don't want to talk to a stranger for six weeks and then be discharged.
My carer is the one who helps me most when I'm stressed, tbh.
Some days I just want someone to understand why I feel like this.
School counselling was alright but it finished just as I started trusting her.
"""),
        "leaver": _pool("""
I was referred for mental health support at fifteen and finally seen at nineteen, by adult services.
Nobody joined the dots between what had happened in my childhood and how I was feeling.
When I turned eighteen I fell between children's and adult services completely.
Talking therapy finally helped me in my twenties, but I wish it had come years earlier.
A lot of care leavers I know are carrying things they've never had the chance to talk about.
"""),
        "adopted": _pool("""
My adoptive parents fought for years to get me an assessment.
I had to explain my adoption history to every new clinician, and it was exhausting.
Services didn't see that my difficulties came from early experiences, not from my family now.
When help did come, it was brilliant, but the wait was most of my teenage years.
"""),
        "foster": _pool("""
The child in our care has waited {months} months for a first appointment.
We're told to 'manage' in the meantime, with no training and no advice.
Therapeutic support is often only offered once a placement is close to ending.
When the child moved area, their place on the waiting list didn't move with them.
We finally got an appointment, and then the child moved on before it came round.
"""),
        "kinship": _pool("""
My grandchildren are struggling with big feelings and the waiting list for help is huge.
Because they're no longer looked after, the children don't get the same priority.
I don't know how to help with the worries at bedtime, and nobody has shown me.
We paid for a private counsellor for a while, but we couldn't keep it up.
The school is doing its best, but they're not counsellors.
"""),
        "prof": _pool("""
I see how long the waits are for children who have already waited for everything.
Referral criteria often exclude children in care because their home isn't 'stable' enough.
Strengths and difficulties questionnaires are filled in, filed and often never acted on.
Children in care have higher mental health needs, yet the pathway is no quicker.
When a child moves area, their referral often goes back to the start of the queue.
Carers ask me what to do while they wait, and I rarely have a good answer.
The waiting list doesn't stop because a child has already been through so much.
Carers and schools are left holding worries that need specialist help.
"""),
    },
    "file_not_person": {
        "teen": _pool("""
I hate being called 'LAC', I'm a person not a category.
Why is my home called a 'placement', like it's work experience?
They say 'contact' for seeing my own mum, which is weird.
Sometimes I feel like a case number rather than a person.
I asked to read what they write about me and it took ages.
Nobody else's mates need a form signed off to go for a sleepover.
When professionals talk about me in the third person while I'm sat right there, it's grim.
"""),
        "leaver": _pool("""
When I read my file as an adult, large parts were blacked out and the rest was about incidents.
There was almost nothing in my records about my first steps, my friends or what made me laugh.
Words like 'absconded' made me sound like a criminal when I'd just gone to a friend's house late.
I was described as 'attention seeking' when I now know I was connection seeking.
Reading my records was like reading about a stranger, written by people who barely knew me.
Language matters because it follows you; it's the first thing the next worker reads.
I had to make a formal request to see my own childhood, and then wait months.
"""),
        "adopted": _pool("""
My life story book was a few pages long and full of gaps.
Accessing my adoption records felt like applying for something I had no right to.
I wanted to know small things, like what I was like as a baby, and the file only had dates.
The language in my records was cold, as if I was a case rather than a baby.
"""),
        "mother": _pool("""
Reading the reports about me felt like reading about someone I didn't recognise.
Mistakes in my file were copied from one report to the next, and nobody corrected them.
I'm 'mother' in every document, never my name.
They write down everything that goes wrong and nothing that goes right.
The reports never mention that I've turned up to every single contact.
One report said I had 'poor insight', and that phrase has been copied into everything since.
I asked for a copy of my own assessment and it arrived half blacked out.
"""),
        "father": _pool("""
In their paperwork I'm 'father, not known', even though I'd been ringing them for months.
They got my name wrong in three different reports.
My side of the story is one line at the bottom of a twenty-page assessment.
Half the assessment was about my past, and none of it about the dad I am now.
"""),
        "sw": _pool("""
I try to write records as if the child will read them one day, because they might.
Our jargon makes perfect sense to us and very little to children and families.
Case management systems are built around tasks and deadlines, not people's stories.
In our team we now say 'home' instead of 'placement' and 'family time' instead of 'contact'.
I've read old files that describe children in ways I would never want read back to me.
Recording is often written to defend decisions rather than to tell a child's story.
Some of my best recordings are the ones I've written with the young person sitting next to me.
"""),
        "prof": _pool("""
Describing a child as 'absconding' in a report can follow them for years.
Reports written in professional shorthand make children sound like problems to be managed.
I've seen young people read their records and not recognise themselves.
Even in our own records, a young person's strengths rarely get written down.
The label on a referral shapes how the next professional sees the child.
"""),
        "dual": _pool("""
When I read my own file I saw how I'd been described, and it changed how I write records now.
I still flinch when colleagues use 'LAC' as a noun in meetings.
Children will read what we write, so I write it with them in mind.
My file never said what I was good at, so I make a point of writing that down for others.
"""),
    },
    "workforce_caseloads": {
        "sw": _pool("""
My caseload is over {caseload} children and I know I can't give each of them what they deserve.
Most of my week goes on recording and court paperwork rather than seeing children.
Half my team are agency staff, and several posts have been vacant for over a year.
I love the work, but I'm exhausted and I'm thinking about leaving.
Newly qualified workers are carrying cases that would have gone to seniors a few years ago.
Supervision is often about deadlines rather than reflection.
When a colleague leaves, their cases are shared out across a team that is already full.
Good practice needs time, and time is the thing we never have.
I spend more time on the computer than I do with the children on my caseload.
Our team has had three managers in eighteen months.
"""),
        "prof": _pool("""
Referrals bounce between teams because everyone is at capacity.
I can never get hold of the allocated social worker, and sometimes there isn't one.
Workforce shortages mean the same few people sit in every meeting, stretched thin.
In my service, waiting times have grown as experienced staff have left.
Nobody in the system has time to build relationships, and relationships are the intervention.
"""),
        "dual": _pool("""
I came into this work to be the worker I never had, and caseloads make that very hard.
I see colleagues burn out and leave, and I remember being the child on the other end of that.
Turnover isn't just a staffing figure, it's a child telling their story again.
Some weeks I spend more time typing about children than talking with them.
"""),
        "foster": _pool("""
We get a different supervising social worker nearly every year.
Our own support worker covers so many households that we mostly communicate by email.
Carers are leaving faster than new ones are recruited, and the children feel it.
Our supervising social worker is lovely, but she has twice as many carers as she should.
When we ring the out-of-hours line we often wait hours for a call back.
"""),
        "mother": _pool("""
I can tell my social worker is overwhelmed; she apologises for being late every time.
It's hard to be angry when you can see they're drowning in work, but my children still need them.
Emails go unanswered for weeks because, I'm told, the team is short-staffed.
My last three social workers were all agency staff, and each one said they were only covering.
Meetings keep getting moved because the worker is off sick or in court.
Even the duty team sounded exhausted when I rang.
"""),
    },
    "what_would_help": {
        "young": _pool("""
The best thing is when a grown-up keeps their promises.
My favourite worker remembered my birthday and sent me a card.
I went to a club with other kids in care and they understood me.
I like having someone I can talk to who isn't in charge of me.
I had a worker who came to my sports day and cheered for me.
My foster carer puts my drawings on the fridge and that makes me happy.
When someone explains things to me properly I don't feel scared.
"""),
        "teen": _pool("""
The best person in my life right now is a youth worker who's been around for three years.
Meeting other young people at the children in care council made me feel less weird.
My advocate actually got things changed when nobody else would listen.
Having one adult who answers when you text makes a massive difference.
Honestly the little things count, like someone remembering what you said last time.
My carer lets me have a key to the house, and that small thing makes me feel trusted.
The residential worker who helped me with my CV is still the one I'd ring first.
Going on a residential trip with other care-experienced young people was honestly the best week.
Getting a proper phone contract sorted by my social worker made me feel normal.
"""),
        "leaver": _pool("""
The people who made a difference to me were the ones who stayed in touch after their job ended.
Peer mentoring from an older care leaver helped me more than any official plan.
I found my community through a care leavers' group, and some of them are like family now.
What I needed most was someone to ring at nine at night when something went wrong.
In my experience, consistency beats expertise.
My old foster carer still invites me for Sunday dinner, and that has mattered more than anything.
A volunteer mentor met me for coffee every fortnight for two years, and never once cancelled.
Being paid to help train new social workers made me feel my experience was worth something.
An advocate helped me challenge a decision at seventeen, and I learned I was allowed to say no.
"""),
        "adopted": _pool("""
Meeting other adopted adults helped me make sense of my own story.
I would have benefited from someone outside my family to talk to about adoption as a teenager.
Having my questions answered honestly, even when the answers were hard, helped me most.
An adoption support worker who understood teenagers would have helped me so much.
Reading my birth family's letters with someone who could answer questions made it manageable.
"""),
        "mother": _pool("""
The one worker who treated me like a person made me want to work with them.
A parent advocate came with me to a meeting once and it changed everything.
Talking to another mum who'd been through it gave me hope.
When my social worker explained the plan in plain words, I finally understood what was expected.
A family support worker helped with the practical things, and that gave me room to breathe.
The parenting group I went to was the first place I didn't feel judged.
Being allowed to go to my children's school play made me feel like a parent again.
"""),
        "father": _pool("""
A dads' group run by another father was the first place I felt understood.
The one time a worker rang me directly, I felt like a parent again.
The one review where the chair asked for my view first, I left feeling like a parent.
A family support worker who treated me the same as the mum made all the difference.
"""),
        "kinship": _pool("""
A local kinship carers' group has been a lifeline for me.
Someone to help with the forms and the money would have saved me months of worry.
The best support we had was a worker who came to the house and simply asked what we needed.
Another grandmother at the school gate told me about the allowance I was entitled to.
A short break once a month, planned ahead, would keep me going.
"""),
        "sibling": _pool("""
The best day this year was a trip out with my {sib} that the foster carers organised.
Having my number on my {sib}'s file as family, not a stranger, would mean a lot.
My {sib}'s carers sending me photos now and then means the world.
"""),
        "grandparent": _pool("""
The one meeting we were invited to made us feel like family again.
A support group for grandparents showed us we weren't the only ones.
A worker who took the time to explain the options to us made us feel part of the plan.
"""),
        "foster": _pool("""
The children who thrive usually have at least one adult who has been there throughout.
Support from other foster carers is often what keeps us going.
Good respite, planned in advance, keeps children settled with us.
Training alongside social workers helps us all understand each other.
The best placements I've had were the ones where the social worker stayed throughout.
"""),
        "sw": _pool("""
Where I've seen children do well, there's always been a consistent adult at the centre.
Advocacy services make us better social workers, because they tell us what we're not hearing.
Lifelong links work has helped some of my young people reconnect with people from their past.
The young people who do best are the ones who have someone to call who isn't paid to answer.
Peer mentoring gave one care leaver more confidence in three months than we managed in years.
Family network meetings early on have kept more children with relatives than any other tool I use.
Independent visitors are one of the most under-used things we have.
When an advocate is in the room, the meeting is better for everyone, including me.
"""),
        "prof": _pool("""
The interventions that work best are relational, not procedural.
Children tell me they value the person who stays more than any service I can offer.
Peer support groups for young people in care have a real impact on confidence.
Independent visitors and mentors give children an adult who is there simply by choice.
The best meetings I've been in were the ones where the child had an advocate alongside them.
Where services share one plan and one key worker, children tell me they feel less like a case.
"""),
        "dual": _pool("""
One consistent adult changed the course of my life, and I try to be that for others.
Peer support was how I got through leaving care, and I now help run a group.
Lived experience in the workforce isn't a nice extra, it changes how services feel.
Mentoring young people leaving care reminds me why peer support works.
The worker who believed in me as a teenager is the reason I do this job.
"""),
    },
}

# Proposals, by theme and voice family: young, youth (teen, leaver, adopted, sibling),
# family (parents, kinship carers, grandparents, foster carers) and pro (professionals).
IDEAS: dict[str, dict[str, tuple[str, ...]]] = {
    "placement_moves": {
        "young": _pool("""
I think children should get to visit a new house before they move there.
Every child should have a proper suitcase, not bin bags.
Someone should tell us why we are moving in words we understand.
Kids should be allowed to say goodbye to their old school and friends.
"""),
        "youth": _pool("""
What would help is a rule that nobody moves without a week's notice unless it's an emergency.
Every young person should get proper luggage, not bin bags, the day they come into care.
There should be a meeting with the young person before any planned move, not after.
It would be better if we could visit a new home and meet the carers before deciding.
Keep people at the same school whatever happens with the move.
"""),
        "family": _pool("""
What would help is more local foster carers so children don't get sent miles away.
Carers should be given a proper information pack before a child arrives.
Planned endings, with goodbyes, should be the standard, not a luxury.
Support should be offered at the first sign of strain, not once notice has been given.
Parents should be told about a move before it happens, not after.
"""),
        "pro": _pool("""
We need a sufficiency strategy that builds local capacity rather than buying emergency beds.
Every unplanned move should trigger a short learning review with the child's view at the centre.
A 'moving well' checklist covering school, health and belongings would prevent a lot of disruption.
Stability meetings should be called early, when carers first raise concerns.
"""),
    },
    "social_worker_changes": {
        "young": _pool("""
I think social workers should say goodbye before they leave.
It would be good if my new social worker already knew about me before coming.
I want the same social worker for a long time.
"""),
        "youth": _pool("""
What would help is a proper handover where the old worker introduces the new one.
If your worker leaves, someone should tell you within a week, not months later.
Let young people have a say in who their next worker is, even just a little.
A one-page profile I write myself would stop me repeating my life story.
"""),
        "family": _pool("""
A simple letter or call whenever the worker changes, with the new contact details, would help.
Families should have a named manager who stays the same even when workers change.
Handovers should include a joint visit so nothing agreed gets lost.
"""),
        "pro": _pool("""
We should protect continuity for children with the most changes, giving them our most stable staff.
Joint handover visits should be standard practice, built into workload models.
Retention should be treated as a children's rights issue, not just a staffing one.
"""),
    },
    "being_listened_to": {
        "young": _pool("""
I think meetings should be smaller and have snacks.
They should ask me on my own first before the big meeting.
Someone should tell me afterwards what happened because of what I said.
"""),
        "youth": _pool("""
What would help is young people chairing part of their own reviews if they want to.
Send the minutes in plain English, and let me correct them.
Every young person should get an independent advocate automatically, not just if they ask.
A 'you said, we did' note after each review would show it actually matters.
"""),
        "family": _pool("""
Parents should get reports a few days before meetings, with someone to explain them.
Meetings should be held at times working parents can actually attend.
Every parent should be offered an advocate from the start.
Both parents should be invited and listened to unless there's a real reason not to.
"""),
        "pro": _pool("""
Reviews should start with the child's own agenda, set with them beforehand.
We should track whether children's wishes were acted on, not just whether they were recorded.
Automatic referral to advocacy, with an opt-out rather than an opt-in, would change practice.
"""),
    },
    "leaving_care": {
        "youth": _pool("""
What would help is everyone being allowed to stay put until twenty-one, with carers properly paid.
Care leavers should get a guarantor scheme run by the council.
Someone should teach budgeting and cooking from fourteen, not a week before you move out.
There should be a 'staying close' option for people leaving children's homes.
Every care leaver should have somewhere to go at Christmas.
"""),
        "family": _pool("""
Staying Put allowances should match fostering allowances, so carers aren't out of pocket.
Carers should be paid to stay in touch after a young person moves on.
Preparation for adult life should be part of the care plan from thirteen.
"""),
        "pro": _pool("""
We need a clear local offer that young people actually know about and can understand.
Personal adviser caseloads should be small enough for a real relationship.
Corporate parenting should mean the whole council, including housing, acts like a parent would.
Support to twenty-five should be automatic rather than on request.
"""),
    },
    "family_contact": {
        "young": _pool("""
I want to see my {sib} every week, not every month.
Contact should be somewhere fun like the park, not a boring room.
I think brothers and sisters should live together if they can.
"""),
        "youth": _pool("""
What would help is siblings living together wherever possible, and if not, seeing each other loads.
Let us have family time in normal places, not just contact centres.
Young people should have a say in how contact is arranged.
Keep a list of every brother and sister, and tell us about them.
"""),
        "family": _pool("""
Contact should be arranged around the child's life, not office hours.
Help with travel costs would stop contact being missed.
Whoever is looking after the children should get support in managing family time.
Siblings and grandparents should be asked about contact, not forgotten.
"""),
        "pro": _pool("""
Sibling relationships should be assessed and protected as carefully as parental ones.
We should move from supervised contact by default to family time that feels natural.
Lifelong links work should be offered to every child in long-term care.
"""),
    },
    "fathers_excluded": {
        "youth": _pool("""
What would help is social workers asking about my dad as much as my mum.
Dads should be invited to reviews unless there's a proper reason they can't come.
Someone should help me find my dad's side of the family if I want to.
"""),
        "family": _pool("""
What would help is every letter going to both parents from day one.
Meetings should be arranged at times that working dads can make.
Fathers should be assessed as possible carers early, not as an afterthought.
There should be a dads' advocate or peer supporter in every area.
"""),
        "pro": _pool("""
We should audit our cases for whether fathers were contacted and assessed.
Recording systems should not allow the father's details to be left blank without a reason.
Father-inclusive practice training should be mandatory, not optional.
Engaging paternal relatives early would widen the options for kinship care.
"""),
    },
    "kinship_support": {
        "family": _pool("""
What would help is kinship carers getting the same allowance as foster carers.
A named support worker for kinship families, even after the order is made, would help.
Free legal advice should be available before you agree to anything.
There should be paid leave from work for kinship carers, like adoption leave.
Local groups where grandparents raising grandchildren can meet should be in every area.
"""),
        "pro": _pool("""
Financial support for kinship carers should be consistent across the country.
Support plans for special guardians should be reviewed, not closed on the day of the order.
Kinship families should get the same therapeutic support as adoptive families.
"""),
    },
    "education": {
        "young": _pool("""
I think children in care should stay at the same school even if they move house.
Teachers should not tell everyone I'm in care.
It would help to have a helper to catch up when I am behind.
"""),
        "youth": _pool("""
What would help is schools keeping your place even if you move homes.
Let young people choose who at school knows they're in care.
Tutoring should be automatic after a school move.
PEP meetings should be run by the young person, not about them.
"""),
        "family": _pool("""
School places for children in care should be guaranteed within days, not weeks.
Carers should be trained on how to speak up for children at school.
EHCP assessments for children in care should be fast-tracked.
"""),
        "pro": _pool("""
Virtual schools should have the power to secure a school place the same day.
Every school should have a trauma-informed behaviour policy that considers children in care.
Records should reach the new school before the child's first day.
"""),
    },
    "mental_health": {
        "youth": _pool("""
What would help is children in care getting fast-track access to mental health support.
Support shouldn't stop or restart just because you move area.
Let us choose someone we trust to talk to, not just whoever's free.
Mental health support should carry on past eighteen without a gap.
"""),
        "family": _pool("""
Carers should get training and advice while children are waiting.
Someone should check in with families on the waiting list, even just a call.
Children in kinship care should get the same priority as children in care.
"""),
        "pro": _pool("""
Referral criteria should not exclude children because their home isn't 'stable'.
We should have a dedicated pathway for care-experienced young people up to twenty-five.
Consultation for carers and schools while a child waits would help enormously.
"""),
    },
    "file_not_person": {
        "youth": _pool("""
What would help is writing records as if the young person will read them, because we will.
Stop using 'LAC' and use our names.
Young people should be able to add their own comments to their file.
Make it easy to see your own records without a massive wait.
"""),
        "family": _pool("""
Parents should be able to correct factual errors in reports.
Reports should use people's names, not 'mother' and 'father'.
Reports should include what's going well, not just what's going wrong.
"""),
        "pro": _pool("""
We should agree a shared language guide with young people, and actually use it.
Recording training should include reading real files from the child's point of view.
Case management systems should have space for the child's own words.
"""),
    },
    "workforce_caseloads": {
        "family": _pool("""
A direct line to a duty worker who can actually answer questions would help families.
Fewer changes of worker would help more than any new service.
Families and carers should each have one worker who stays long enough to know them.
"""),
        "pro": _pool("""
We need enforceable caseload limits, so that relationship-based practice is possible.
Cutting duplicate recording would give social workers more time with children.
Invest in retention: supervision, development and manageable workloads.
We should grow our own workforce, including routes for care-experienced people into the work.
"""),
    },
    "what_would_help": {
        "young": _pool("""
I think every child in care should have one grown-up who stays.
There should be clubs for kids in care to have fun together.
I want a helper who is just on my side.
"""),
        "youth": _pool("""
What would help most is one trusted adult who sticks around, whatever happens.
Every young person in care should be offered a peer mentor who's been through it.
Lifelong links should be offered to everyone, so we don't lose people who mattered.
Advocacy should be there from day one, without having to ask.
Children in care councils should have a real budget and real power.
"""),
        "family": _pool("""
What would help is a peer network for parents and carers in every area.
Every family should have one named person who stays with them through the whole process.
Advocacy for parents and carers, not just children, would make meetings fairer.
"""),
        "pro": _pool("""
We should commission for consistency: fewer handovers, more relationships.
Lifelong links should be part of every long-term plan.
Peer support and advocacy should be core services, not add-ons.
Recruit and support care-experienced staff, because their insight improves everything.
"""),
    },
}

_OPENERS: dict[str, dict[str, tuple[str, ...]]] = {
    "young": {
        "story": _pool("""
I am {age} and I live with foster carers.
I am {age}. I want to tell you what happened to me.
This is about me. I am in care.
Hello. I am {age} years old and I am in care.
"""),
        "problem": _pool("""
I am {age} and there is something that is not fair.
Something that makes me sad is this.
I don't like how this works.
"""),
        "idea": _pool("""
I am {age} and I have an idea.
I want to tell you my idea.
My idea is to make things better for kids like me.
"""),
    },
    "teen": {
        "story": _pool("""
So basically, I'm {age} and I've been in care for a few years.
I'm {age}, been in care since I was little, and this is what it's actually like.
Not gonna lie, this is something I've never really told anyone properly.
I'm in foster care and I'm {age}.
"""),
        "problem": _pool("""
Ok so the thing that really annoys me is this.
Honestly, the system needs to sort this out.
I'm {age} and this is a proper problem for people like me.
"""),
        "idea": _pool("""
I've got an idea that would actually help.
If I could change one thing, it'd be this.
I'm {age} and I've been thinking about what would make it better.
"""),
    },
    "leaver": {
        "story": _pool("""
I've left care now, and I've had time to think about my experience.
I'm {age} now and I spent most of my childhood in care.
Looking back on my time in care, one thing stands out.
I'm care-experienced and I want to share part of my story.
"""),
        "problem": _pool("""
As a care leaver, there's a problem I keep coming back to.
I'm {age} and I left care not long ago; this is what isn't working.
I want to name something that I think is still going wrong.
"""),
        "idea": _pool("""
I've been out of care for a while, and I have a suggestion.
Speaking as a care leaver, here's what I think would make a real difference.
I'm {age} and I've thought a lot about what would have helped me.
"""),
    },
    "adopted": {
        "story": _pool("""
I was adopted as a young child, and I'm now an adult.
I'm adopted, and this is part of my story.
I'm {age} and I was adopted when I was small.
"""),
        "problem": _pool("""
As an adopted person, there's something I think people don't see.
I want to raise a problem from an adopted person's point of view.
"""),
        "idea": _pool("""
As an adopted adult, I have an idea for how things could be better.
From my experience of being adopted, here's what I think would help.
"""),
    },
    "mother": {
        "story": _pool("""
I'm a mum of three and my children are in care.
As a mum whose children are in care, I want to share what it has been like.
I'm a mother, and this is what happened after my children came into care.
My children came into care two years ago, and I'm still their mum.
"""),
        "problem": _pool("""
As a mum, the thing I find hardest is this.
There is something that needs to change for mothers like me.
I'm a mother going through the care system and this is the problem.
"""),
        "idea": _pool("""
As a mum, I have a suggestion.
From a mother's point of view, here's what would help.
I've been through this as a mum, and I want to suggest something.
"""),
    },
    "parent": {
        "story": _pool("""
I'm a parent and my children are in care.
As a step-parent who has been part of the children's lives for years, I want to share our story.
I'm one of the children's parents, and I want to describe what the process was like for us.
"""),
        "problem": _pool("""
As a parent, there's a problem I keep running into.
Parents like me are often left out, and here is how.
"""),
        "idea": _pool("""
As a parent, here is what I think would help.
I'd like to suggest something from a parent's point of view.
"""),
    },
    "father": {
        "story": _pool("""
I'm a dad, and I want to say what it has been like to be on the outside of my kids' care.
As a father, my experience of children's services has been one of being ignored.
I'm writing as a dad because I don't think dads get heard.
I'm the father of two children in care.
"""),
        "problem": _pool("""
As a dad, the problem is simple: we're not included.
I'm a father and I'm fed up of being treated as an afterthought.
This is a problem for dads everywhere, not just me.
"""),
        "idea": _pool("""
As a dad, here's what would actually help.
I'm a father and I've got a suggestion, if anyone is listening.
Speaking as a dad, this is what I'd change.
"""),
    },
    "kinship": {
        "story": _pool("""
I'm a grandparent raising my two grandchildren.
I became a kinship carer overnight when my grandchildren needed somewhere to go.
We've been looking after our grandchildren for {years} years now.
"""),
        "problem": _pool("""
As a kinship carer, the biggest problem is this.
I'm raising my grandchildren and there's something that isn't right.
Kinship carers like me are struggling, and here's why.
"""),
        "idea": _pool("""
As a grandparent raising grandchildren, I have a suggestion.
Here's what would make a real difference to kinship carers like me.
"""),
    },
    "grandparent": {
        "story": _pool("""
I'm the children's {gp} and I want to share what it's been like for our side of the family.
As a {gp}, I've watched my grandchildren go through the care system from the sidelines.
"""),
        "problem": _pool("""
As a {gp}, I feel grandparents are forgotten.
The problem for grandparents like me is being left out.
"""),
        "idea": _pool("""
As a {gp}, here is what I think would help.
From a grandparent's point of view, this would make a difference.
"""),
    },
    "sibling": {
        "story": _pool("""
I'm the older sibling of a child in care.
My younger {sib} is in care and I'm not.
I'm {age} and my {sib} went into care a few years ago.
"""),
        "problem": _pool("""
As the older sibling, I feel completely overlooked.
The problem for siblings like me is that nobody counts us as family.
"""),
        "idea": _pool("""
As a sibling, here's what I think should change.
From a big sibling's point of view, this would help.
"""),
    },
    "foster": {
        "story": _pool("""
We have been foster carers for {years} years.
As a foster carer, I want to share something I've seen many times.
I've fostered for {years} years and looked after a lot of children in that time.
"""),
        "problem": _pool("""
As a foster carer, there's a recurring problem I want to raise.
Foster carers see this problem all the time.
I've fostered for {years} years and this issue keeps coming up.
"""),
        "idea": _pool("""
As a foster carer, I'd like to suggest something.
From a foster carer's point of view, here is what would help.
"""),
    },
    "sw": {
        "story": _pool("""
I've been a children's social worker for {years} years.
As a social worker in a children in care team, I want to share what I see.
I qualified as a social worker {years} years ago and I'm still in frontline practice.
"""),
        "problem": _pool("""
From a social work perspective, the issue is this.
As a practitioner, I want to highlight a problem in the system.
I'm a social worker and this is a problem we don't talk about enough.
"""),
        "idea": _pool("""
As a social worker, I'd like to propose a change.
From practice, here is what I think would improve things for children.
Here is a practical suggestion from a frontline social worker.
"""),
    },
    "prof": {
        "story": _pool("""
I work as {role} and I want to share what I see.
In my role as {role}, I come across this often.
I've worked as {role} for {years} years.
"""),
        "problem": _pool("""
Working as {role}, there is a problem I see again and again.
As {role}, I want to raise a concern about how the system works.
"""),
        "idea": _pool("""
As {role}, I'd like to suggest an improvement.
From my work as {role}, here is what I think would help.
"""),
    },
    "dual": {
        "story": _pool("""
As someone who {lived} and now works in it as {role}, I see things from both sides.
I {lived}, and now I work as {role}.
I'm care-experienced and I now work as {role}, so I carry both perspectives.
"""),
        "problem": _pool("""
As someone who {lived} and now works in it, I see this problem from both sides.
I {lived} and now work as {role}, and there's a problem I can't ignore.
"""),
        "idea": _pool("""
As someone who {lived} and now works in it as {role}, here is what I think would help.
I'd like to suggest something from both sides, as someone who {lived} and now works in care.
"""),
    },
}

_CLOSERS: dict[str, tuple[str, ...]] = {
    "young": _pool("""
That is what I wanted to say.
I hope the grown-ups read this.
Thank you for listening to me.
I hope it gets better for other kids.
"""),
    "teen": _pool("""
Anyway, that's my take.
Just want people to actually get it.
Hope someone actually reads this lol.
That's it really.
"""),
    "leaver": _pool("""
I share this in the hope that it's different for the young people coming after me.
It's taken me a long time to be able to say that.
I don't want sympathy, I want things to change.
Thank you for asking, genuinely.
"""),
    "adopted": _pool("""
I hope adopted voices are part of this.
I'm sharing this because I think it could help someone else.
Thanks for reading.
"""),
    "mother": _pool("""
I just want to be treated like a human being.
I'm still their mum, whatever the paperwork says.
I hope this helps another mum.
Please don't forget the parents in all of this.
"""),
    "parent": _pool("""
Parents are part of the picture too.
I hope this is useful.
Thank you for listening.
"""),
    "father": _pool("""
Dads matter too.
I'm not going anywhere, I just want to be included.
I hope someone actually reads this.
All I want is a fair chance to be their dad.
"""),
    "kinship": _pool("""
We do this out of love, but love doesn't pay the bills.
I'd do it all again, but it shouldn't be this hard.
I hope this helps other grandparents.
Thank you for asking us, nobody usually does.
"""),
    "grandparent": _pool("""
Grandparents are family too.
We're still here if they need us.
I hope this reaches the right people.
"""),
    "sibling": _pool("""
Brothers and sisters are family too.
I just want to be part of my {sib}'s life.
Thanks for asking.
"""),
    "foster": _pool("""
We do this because we care, and we want the system to care as much.
The children deserve better than this.
I hope this is useful feedback.
I'll keep fostering, but something has to give.
"""),
    "sw": _pool("""
I share this because I believe we can do better.
None of this is about individual blame; it's about the system we work in.
The children deserve more of our time.
I hope this feedback is useful.
"""),
    "prof": _pool("""
I hope this perspective is useful.
We all have a part to play in this.
The children deserve joined-up services.
"""),
    "dual": _pool("""
Both parts of my experience tell me the same thing.
I try to be the worker I needed.
I hope this helps bridge the two worlds.
"""),
}

# Theme-neutral sentences that carry the voice; added to some texts for variety.
_FILLERS: dict[str, tuple[str, ...]] = {
    "young": _pool("""
It makes me feel a bit lonely.
I don't always understand what the grown-ups mean.
My foster carer says I can say what I think.
Sometimes I feel cross and sometimes I feel sad.
"""),
    "teen": _pool("""
It's not that deep for them but it is for me.
Adults act like we don't notice stuff, but we do.
I'm not being dramatic, it's just how it is.
My carer is alright to be fair, it's more the system.
"""),
    "leaver": _pool("""
I've done a lot of thinking about this since.
I'm doing well now, but it didn't have to be so hard.
It's only with distance that I can see the pattern.
Many of my care-experienced friends say the same thing.
"""),
    "adopted": _pool("""
Being adopted is something I carry every day, even when life is going well.
My adoptive family love me, and I still needed more.
People assume adoption is a happy ending, and it's more complicated than that.
"""),
    "mother": _pool("""
I know I've made mistakes, but I've worked hard to change.
I love my children more than anything.
Some days I feel like I'm shouting into a void.
I've done everything they asked of me.
"""),
    "parent": _pool("""
I've tried to do everything that was asked.
Our family is more than what's written in the reports.
It's been a long and confusing process.
"""),
    "father": _pool("""
I'm not perfect, but I'm their dad.
I've kept every letter and every email, just in case.
It feels like the system was built for mums and nobody else.
I've had to fight for every scrap of information.
"""),
    "kinship": _pool("""
My grandchildren are the reason I get up in the morning.
I never expected to be doing the school run again at my age.
I wouldn't change it, but I'd change the system.
It's a lot, on top of everything else life throws at you.
"""),
    "grandparent": _pool("""
We are their family and we always will be.
It's been a very lonely few years.
We only want what's best for them.
"""),
    "sibling": _pool("""
We grew up together until everything changed.
People forget that siblings go through it too.
I'm trying to keep our family connected.
"""),
    "foster": _pool("""
Most of the children we've cared for have been a joy.
We're part of the team around the child, or we're meant to be.
Fostering has changed our family for the better.
We've seen the system at its best and at its worst.
"""),
    "sw": _pool("""
I care deeply about the children I work with.
The best parts of my job are the relationships.
I see dedicated colleagues doing their best in difficult conditions.
Practice guidance says the right things; the reality is harder.
"""),
    "prof": _pool("""
Multi-agency working is only as good as the relationships behind it.
I see the impact of these decisions long after the meetings end.
Most professionals I know want the same thing for children.
"""),
    "dual": _pool("""
I sometimes recognise my younger self in the young people I meet.
My lived experience is an asset at work, though it isn't always treated that way.
Knowing both sides makes me patient and impatient at the same time.
"""),
}

# Sentences that explain a second lived-experience perspective: (voice, extra code).
_BRIDGES: dict[tuple[str, str], tuple[str, ...]] = {
    ("leaver", "parent_mother"): _pool("""
Now I'm a mum myself, I see it all again from the other side.
Having my own baby made me think about my time in care differently.
As a care-experienced mum, I sometimes feel watched more closely than other parents.
"""),
    ("mother", "care_leaver"): _pool("""
I grew up in care myself, so I know what my children are going through.
Being care-experienced and now a mum in the system is a strange double experience.
"""),
    ("foster", "care_leaver"): _pool("""
I grew up in care myself, which is part of why I became a foster carer.
Being care-experienced helps me understand the children, but it also brings back memories.
"""),
}

# Sentences with fictional personal data, by voice family.
_PERSONAL: dict[str, tuple[str, ...]] = {
    "young": _pool("""
My social worker is called {name} and she is nice.
I go to {school} and my teacher is Miss {surname}.
"""),
    "youth": _pool("""
My old social worker {name} was the only one who really got it.
At {school}, Mr {surname} was the only teacher who stuck up for me.
My {sib} {name} lives in a different town now.
"""),
    "family": _pool("""
Our social worker, {name}, was brilliant, but she left after four months.
{name} has just started at {school} and is finding it hard.
"""),
    "pro": _pool("""
One young person I worked with, {name}, said it was the first time anyone had asked.
At {school} we had a pupil who moved home three times in one year.
"""),
}

_TITLES: dict[str, tuple[str, ...]] = {
    "placement_moves": (
        "Moved again", "Bin bags", "Too many moves", "A week's notice would help",
        "Always the new kid", "Finding the right home",
    ),
    "social_worker_changes": (
        "Another new social worker", "Telling my story again", "Say goodbye properly",
        "Same worker please", "Handovers matter",
    ),
    "being_listened_to": (
        "Nobody listened", "My review", "Actually listen", "In the room but not heard",
        "You said, we did",
    ),
    "leaving_care": (
        "Turning 18", "The cliff edge", "My first flat", "Staying put",
        "Nowhere for Christmas", "Independence?",
    ),
    "family_contact": (
        "Missing my brothers and sisters", "Family time", "Contact",
        "Keeping siblings together", "Two hours a fortnight",
    ),
    "fathers_excluded": (
        "Dads matter", "Not invited", "Where's dad?", "Treated as an afterthought",
        "Both parents",
    ),
    "kinship_support": (
        "Raising my grandchildren", "Kinship carers need help", "Love doesn't pay the bills",
        "Left to get on with it",
    ),
    "education": ("New school again", "School moves", "My PEP", "One teacher", "Catching up"),
    "mental_health": (
        "Still waiting", "The waiting list", "Help while we wait", "Falling between services",
    ),
    "file_not_person": (
        "Not a case number", "Don't call me LAC", "Reading my file", "Words matter",
        "Placement isn't home",
    ),
    "workforce_caseloads": (
        "Too many cases", "Stretched thin", "Time to care", "Why workers leave",
    ),
    "what_would_help": (
        "One trusted adult", "Peer support", "Lifelong links", "Advocacy from day one",
        "What would help", "Someone who stays",
    ),
}  # fmt: skip

# ---------------------------------------------------------------------------------------------
# Who speaks: voices, quotas and people
# ---------------------------------------------------------------------------------------------

# (voice, primary perspective code or None for dual, share in percent).
_VOICE_QUOTAS: tuple[tuple[str, str | None, float], ...] = (
    ("young", "child_in_care", 8),
    ("teen", "child_in_care", 14),
    ("leaver", "care_leaver", 19),
    ("adopted", "adopted", 4),
    ("mother", "parent_mother", 11.5),
    ("parent", "parent_other", 1.5),
    ("father", "parent_father", 3),
    ("kinship", "kinship_carer", 5),
    ("grandparent", "other_family", 1),
    ("sibling", "other_family", 1),
    ("foster", "foster_carer", 6),
    ("sw", "social_worker", 11),
    ("prof", "professional_health", 2.5),
    ("prof", "professional_education", 2.5),
    ("prof", "professional_police", 1),
    ("prof", "professional_iro", 2),
    ("prof", "professional_other", 2),
    ("dual", None, 5),
)

_FAMILY_OF_VOICE: dict[str, str] = {
    "young": "young",
    "teen": "youth",
    "leaver": "youth",
    "adopted": "youth",
    "sibling": "youth",
    "mother": "family",
    "parent": "family",
    "father": "family",
    "kinship": "family",
    "grandparent": "family",
    "foster": "family",
    "sw": "pro",
    "prof": "pro",
    "dual": "pro",
}
_POOL_VOICE: dict[str, str] = {"parent": "mother"}  # other parents share the mothers' pools

# Extra weight on themes a voice talks about most; every theme with a pool has weight 1.
_THEME_BOOSTS: dict[str, dict[str, float]] = {
    "father": {"fathers_excluded": 5},
    "kinship": {"kinship_support": 5, "family_contact": 2},
    "leaver": {"leaving_care": 2},
    "mother": {"being_listened_to": 1.5, "family_contact": 1.5},
    "parent": {"being_listened_to": 1.5, "family_contact": 1.5},
    "foster": {"placement_moves": 2},
    "sw": {"workforce_caseloads": 2},
}
_WHAT_WOULD_HELP_WEIGHT = 1.5

# Themes each professional role writes about, with weights.
_ROLE_THEMES: dict[str, dict[str, float]] = {
    "professional_health": {
        "mental_health": 5, "placement_moves": 1, "fathers_excluded": 1,
        "workforce_caseloads": 1, "what_would_help": 1,
    },
    "professional_education": {
        "education": 5, "placement_moves": 2, "kinship_support": 1,
        "fathers_excluded": 1, "what_would_help": 1,
    },
    "professional_police": {
        "file_not_person": 3, "workforce_caseloads": 1, "what_would_help": 2,
    },
    "professional_iro": {
        "being_listened_to": 5, "placement_moves": 1, "fathers_excluded": 1,
        "workforce_caseloads": 1, "what_would_help": 1,
    },
    "professional_other": {
        "leaving_care": 4, "what_would_help": 2, "kinship_support": 1, "workforce_caseloads": 1,
    },
}  # fmt: skip

_ROLE_NOUNS: dict[str, tuple[str, ...]] = {
    "social_worker": ("a social worker",),
    "professional_health": ("a looked-after children's nurse", "a nurse"),
    "professional_education": ("a designated teacher", "a teacher in a virtual school"),
    "professional_police": ("a police officer",),
    "professional_iro": ("an independent reviewing officer",),
    "professional_other": ("a personal adviser for care leavers", "a youth worker"),
}

_KIND_WEIGHTS: dict[str, tuple[float, float, float]] = {
    "what_would_help": (0.25, 0.05, 0.70),
    "default": (0.45, 0.33, 0.22),
}

_NUMBER_WORDS: tuple[str, ...] = (
    "zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine",
    "ten", "eleven", "twelve", "thirteen", "fourteen", "fifteen", "sixteen", "seventeen",
    "eighteen", "nineteen", "twenty",
)  # fmt: skip

_AGE_RANGES: dict[str, tuple[int, int]] = {
    "young": (7, 11),
    "teen": (12, 17),
    "adopted": (18, 45),
    "mother": (21, 45),
    "parent": (24, 50),
    "father": (21, 50),
    "kinship": (52, 72),
    "grandparent": (55, 75),
    "sibling": (19, 30),
    "foster": (30, 65),
    "sw": (23, 60),
    "prof": (25, 60),
    "dual": (24, 50),
}
# Care leavers over 21 are rare on purpose (a built-in representation gap).
_LEAVER_AGES: tuple[tuple[tuple[int, int], float], ...] = (
    ((18, 21), 0.93),
    ((22, 25), 0.05),
    ((26, 34), 0.02),
)

_SECOND_CODE_CHANCE: dict[str, tuple[str, float]] = {
    "leaver": ("parent_mother", 0.07),
    "mother": ("care_leaver", 0.08),
    "foster": ("care_leaver", 0.10),
}

_GENDER_WEIGHTS: dict[str, dict[str, float]] = {
    "young": {"girl_woman": 48, "boy_man": 50, "non_binary": 1, "self_describe": 1},
    "young_person": {"girl_woman": 46, "boy_man": 44, "non_binary": 4, "self_describe": 2},
    "parent": {"girl_woman": 45, "boy_man": 45, "non_binary": 7, "self_describe": 3},
    "worker": {"girl_woman": 75, "boy_man": 23, "non_binary": 2},
    "carer": {"girl_woman": 65, "boy_man": 33, "non_binary": 2},
}
_GENDER_GROUP: dict[str, str] = {
    "young": "young",
    "teen": "young_person",
    "leaver": "young_person",
    "adopted": "young_person",
    "sibling": "young_person",
    "dual": "young_person",
    "parent": "parent",
    "sw": "worker",
    "prof": "worker",
    "foster": "carer",
}
_GRANDPARENT_WORDS: tuple[tuple[str, str, float], ...] = (
    ("nan", "girl_woman", 4),
    ("grandma", "girl_woman", 2),
    ("granny", "girl_woman", 1),
    ("grandad", "boy_man", 2),
)

_ETHNICITY_WEIGHTS: dict[str, float] = {
    "white_british": 60, "white_irish": 1, "white_gypsy_traveller": 1, "white_roma": 0.5,
    "white_other": 5, "mixed_white_black_caribbean": 4, "mixed_white_black_african": 2,
    "mixed_white_asian": 2, "mixed_other": 3, "asian_indian": 1.5, "asian_pakistani": 2.5,
    "asian_bangladeshi": 1, "asian_chinese": 0.3, "asian_other": 1, "black_african": 5,
    "black_caribbean": 2.5, "black_other": 1.5, "other_arab": 1, "other_any": 2,
}  # fmt: skip
_AUTHORITY_WEIGHTS: tuple[float, ...] = (14, 12, 14, 12, 8, 7, 9, 10, 8, 6)

_INFLUENCE_WEIGHTS: dict[str, tuple[float, ...]] = {
    "default": (12, 25, 33, 20, 10),
    "family": (25, 30, 25, 15, 5),
    "pro": (8, 22, 35, 25, 10),
}

# Chances that an equality answer is left blank, or answered "prefer not to say".
_MISSING = 0.14
_PREFER_NOT = 0.07
_NEAR_DUPLICATE_LIMIT = 0.55
_MAX_ATTEMPTS = 40
_MIN_WORDS = 40
_MAX_WORDS = 250
_WORD = re.compile(r"[a-z']+")


@dataclass
class _Speaker:
    voice: str
    perspectives: tuple[str, ...]
    age: int
    gender: str
    slots: dict[str, str]


def _weighted(rng: random.Random, options: Mapping[str, float]) -> str:
    keys = list(options)
    return rng.choices(keys, weights=[options[key] for key in keys])[0]


def _quota_slots(count: int, rng: random.Random) -> list[tuple[str, str | None]]:
    """Exact voice quotas (largest remainder), shuffled, so gaps hold for every seed."""
    total = sum(share for _, _, share in _VOICE_QUOTAS)
    exact = [count * share / total for _, _, share in _VOICE_QUOTAS]
    sizes = [int(value) for value in exact]
    by_remainder = sorted(range(len(exact)), key=lambda i: (sizes[i] - exact[i], i))
    for index in by_remainder[: count - sum(sizes)]:
        sizes[index] += 1
    slots = [
        (voice, code)
        for (voice, code, _), size in zip(_VOICE_QUOTAS, sizes, strict=True)
        for _ in range(size)
    ]
    rng.shuffle(slots)
    return slots


def _perspectives(rng: random.Random, voice: str, code: str | None) -> tuple[str, ...]:
    if code is None:  # dual perspective: lived experience plus a professional role
        lived = _weighted(rng, {"care_leaver": 0.85, "adopted": 0.15})
        role = _weighted(
            rng,
            {
                "social_worker": 55, "professional_other": 15, "professional_iro": 10,
                "professional_education": 8, "professional_health": 8, "professional_police": 4,
            },
        )  # fmt: skip
        return (lived, role)
    extra = _SECOND_CODE_CHANCE.get(voice)
    if extra and rng.random() < extra[1]:
        return (code, extra[0])
    return (code,)


def _speaker_age(rng: random.Random, voice: str) -> int:
    if voice == "leaver":
        ranges = [span for span, _ in _LEAVER_AGES]
        span = rng.choices(ranges, weights=[weight for _, weight in _LEAVER_AGES])[0]
        return rng.randint(*span)
    return rng.randint(*_AGE_RANGES[voice])


def _speaker_gender(rng: random.Random, voice: str, perspectives: Sequence[str]) -> str:
    if voice == "mother" or "parent_mother" in perspectives:
        return "girl_woman"
    if voice == "father":
        return "boy_man"
    return _weighted(rng, _GENDER_WEIGHTS[_GENDER_GROUP[voice]])


def _grandparent_word(rng: random.Random) -> tuple[str, str]:
    words = [(word, gender) for word, gender, _ in _GRANDPARENT_WORDS]
    weights = [weight for _, _, weight in _GRANDPARENT_WORDS]
    return rng.choices(words, weights=weights)[0]


def _role_noun(rng: random.Random, perspectives: Sequence[str]) -> str:
    for code in perspectives:
        if code in _ROLE_NOUNS:
            return rng.choice(_ROLE_NOUNS[code])
    return "a professional"


def _number(rng: random.Random, low: int, high: int) -> str:
    return _NUMBER_WORDS[rng.randint(low, high)]


def _make_speaker(rng: random.Random, voice: str, code: str | None) -> _Speaker:
    perspectives = _perspectives(rng, voice, code)
    age = _speaker_age(rng, voice)
    gp_word, gp_gender = _grandparent_word(rng)
    if voice in {"kinship", "grandparent"}:
        gender = gp_gender  # the text says nan, grandma, granny or grandad
    else:
        gender = _speaker_gender(rng, voice, perspectives)
    years = _number(rng, 2, 6) if voice == "kinship" else _number(rng, 3, 20)
    slots = {
        "age": str(age),
        "n_moves": _number(rng, 4, 11 if voice in {"leaver", "dual"} else 8),
        "n_workers": _number(rng, 3, 8),
        "n_schools": _number(rng, 3, 6),
        "months": _number(rng, 6, 18),
        "years": years,
        "caseload": rng.choice(("twenty", "twenty-two", "twenty-five", "twenty-eight", "thirty")),
        "sib": rng.choice(("brother", "sister")),
        "gp": gp_word,
        "child_word": rng.choice(("son", "daughter")),
        "role": _role_noun(rng, perspectives),
        "lived": "was adopted" if perspectives[0] == "adopted" else "grew up in care",
        "name": rng.choice(FICTIONAL_NAMES),
        "surname": rng.choice(FICTIONAL_SURNAMES),
        "school": rng.choice(FICTIONAL_SCHOOLS),
    }
    return _Speaker(voice, perspectives, age, gender, slots)


# ---------------------------------------------------------------------------------------------
# What they write about, and how
# ---------------------------------------------------------------------------------------------


def _pool_voice(voice: str) -> str:
    return _POOL_VOICE.get(voice, voice)


def _theme_weights(speaker: _Speaker) -> dict[str, float]:
    voice = _pool_voice(speaker.voice)
    if speaker.voice == "prof":
        role_themes = _ROLE_THEMES[speaker.perspectives[0]]
        return {theme: w for theme, w in role_themes.items() if voice in LIVED[theme]}
    weights: dict[str, float] = {}
    boosts = _THEME_BOOSTS.get(speaker.voice, {})
    for theme in THEMES:
        if voice not in LIVED[theme]:
            continue
        if theme == "leaving_care" and not _may_write_on_leaving_care(speaker):
            continue
        base = _WHAT_WOULD_HELP_WEIGHT if theme == "what_would_help" else 1.0
        weights[theme] = boosts.get(theme, base)
    return weights


def _may_write_on_leaving_care(speaker: _Speaker) -> bool:
    """Younger teenagers, and most dual-perspective roles, don't write about leaving care."""
    if speaker.voice == "teen":
        return speaker.age >= 16
    if speaker.voice == "dual":
        return speaker.perspectives[1] in {"social_worker", "professional_other"}
    return True


def _pick_kind(rng: random.Random, theme: str) -> str:
    weights = _KIND_WEIGHTS.get(theme, _KIND_WEIGHTS["default"])
    return rng.choices(_KIND_CODES, weights=weights)[0]


def _pick_some(rng: random.Random, pool: Sequence[str], low: int, high: int) -> list[str]:
    """A few sentences from a pool, kept in the pool's (narrative) order."""
    size = min(len(pool), rng.randint(low, high))
    indices = sorted(rng.sample(range(len(pool)), size))
    return [pool[i] for i in indices]


def _body(rng: random.Random, kind: str, lived: Sequence[str], ideas: Sequence[str]) -> list[str]:
    if kind == "story":
        return _pick_some(rng, lived, 3, 5)
    if kind == "problem":
        body = _pick_some(rng, lived, 2, 4)
        if rng.random() < 0.35:
            body.append(rng.choice(ideas))
        return body
    return _pick_some(rng, lived, 1, 2) + _pick_some(rng, ideas, 2, 3)


def _word_count(text: str) -> int:
    return len(text.split())


def _compose(
    rng: random.Random, speaker: _Speaker, theme: str, kind: str, personal: bool
) -> tuple[str, tuple[str, ...]]:
    """Compose one text from the pools; returns the text and any personal data terms in it."""
    voice = speaker.voice
    lived = LIVED[theme][_pool_voice(voice)]
    ideas = IDEAS[theme][_FAMILY_OF_VOICE[voice]]
    body = _body(rng, kind, lived, ideas)
    if rng.random() < 0.35:
        body.insert(rng.randint(0, len(body)), rng.choice(_FILLERS[voice]))
    if len(speaker.perspectives) == 2 and (voice, speaker.perspectives[1]) in _BRIDGES:
        body.insert(0, rng.choice(_BRIDGES[(voice, speaker.perspectives[1])]))
    terms: tuple[str, ...] = ()
    if personal:
        sentence = rng.choice(_PERSONAL[_FAMILY_OF_VOICE[voice]])
        body.insert(min(1, len(body)), sentence)
        slots = ("name", "surname", "school")
        terms = tuple(speaker.slots[slot] for slot in slots if f"{{{slot}}}" in sentence)
    spare = [s for s in (*lived, *ideas, *_FILLERS[voice]) if s not in body]
    parts = [rng.choice(_OPENERS[voice][kind]), *body]
    if rng.random() < 0.75:
        parts.append(rng.choice(_CLOSERS[voice]))
    text = " ".join(parts).format_map(speaker.slots)
    while _word_count(text) < _MIN_WORDS and spare:
        parts.insert(-1, spare.pop(rng.randrange(len(spare))))
        text = " ".join(parts).format_map(speaker.slots)
    while _word_count(text) > _MAX_WORDS and len(parts) > 3:
        parts.pop(-2)
        text = " ".join(parts).format_map(speaker.slots)
    return text, terms


def _word_set(text: str) -> frozenset[str]:
    return frozenset(_WORD.findall(text.lower()))


def jaccard(first: str, second: str) -> float:
    """Jaccard similarity of the word sets of two texts (used to keep the corpus diverse)."""
    return _jaccard_sets(_word_set(first), _word_set(second))


def _jaccard_sets(first: frozenset[str], second: frozenset[str]) -> float:
    union = len(first | second)
    return len(first & second) / union if union else 1.0


def _distinct_text(
    rng: random.Random,
    speaker: _Speaker,
    theme: str,
    kind: str,
    personal: bool,
    accepted: list[frozenset[str]],
) -> tuple[str, tuple[str, ...]]:
    """Compose until the text is not a near-duplicate of any accepted one (best effort)."""
    best: tuple[float, str, tuple[str, ...]] = (2.0, "", ())
    for _ in range(_MAX_ATTEMPTS):
        text, terms = _compose(rng, speaker, theme, kind, personal)
        words = _word_set(text)
        closest = max((_jaccard_sets(words, other) for other in accepted), default=0.0)
        if closest < _NEAR_DUPLICATE_LIMIT:
            return text, terms
        if closest < best[0]:
            best = (closest, text, terms)
    return best[1], best[2]


# ---------------------------------------------------------------------------------------------
# Equality monitoring, consent and the rest
# ---------------------------------------------------------------------------------------------


def _age_band(age: int) -> str:
    if age < 12:
        return "under_12"
    if age < 16:
        return "12_15"
    if age < 18:
        return "16_17"
    if age < 22:
        return "18_21"
    if age < 26:
        return "22_25"
    return "26_plus"


def _answer(rng: random.Random, value: str, missing: float = _MISSING) -> str | None:
    """The value, or None (left blank), or "prefer_not_to_say"."""
    draw = rng.random()
    if draw < missing:
        return None
    if draw < missing + _PREFER_NOT:
        return vocab.PREFER_NOT_TO_SAY
    return value


def _equality(rng: random.Random, speaker: _Speaker) -> dict[str, str]:
    # Dual-perspective professionals often skip the age question.
    age_missing = 0.35 if speaker.voice == "dual" else _MISSING
    disability = "yes" if rng.random() < 0.22 else "no"
    authority = rng.choices(DEMO_LOCAL_AUTHORITIES, weights=_AUTHORITY_WEIGHTS)[0]
    answers = {
        "age_band": _answer(rng, _age_band(speaker.age), age_missing),
        "gender": _answer(rng, speaker.gender),
        "ethnicity": _answer(rng, _weighted(rng, _ETHNICITY_WEIGHTS), 0.18),
        "disability": _answer(rng, disability),
        "local_authority": authority if rng.random() >= 0.15 else None,
    }
    return {key: value for key, value in answers.items() if value is not None}


def _influence(rng: random.Random, speaker: _Speaker) -> int | None:
    if rng.random() < 0.15:
        return None
    family = _FAMILY_OF_VOICE[speaker.voice]
    weights = _INFLUENCE_WEIGHTS.get(family, _INFLUENCE_WEIGHTS["default"])
    return rng.choices((1, 2, 3, 4, 5), weights=weights)[0]


def _title(rng: random.Random, theme: str) -> str:
    return "" if rng.random() < 0.3 else rng.choice(_TITLES[theme])


def _make_one(
    rng: random.Random,
    voice: str,
    code: str | None,
    personal: bool,
    accepted: dict[str, list[frozenset[str]]],
) -> DemoContribution:
    speaker = _make_speaker(rng, voice, code)
    theme = _weighted(rng, _theme_weights(speaker))
    kind = _pick_kind(rng, theme)
    # Texts on different themes share little beyond openers, so compare within a theme only.
    same_theme = accepted.setdefault(theme, [])
    text, terms = _distinct_text(rng, speaker, theme, kind, personal, same_theme)
    same_theme.append(_word_set(text))
    consent_quote = rng.random() < 0.75
    return DemoContribution(
        kind=kind,
        title=_title(rng, theme),
        text=text,
        perspectives=speaker.perspectives,
        theme_hint=theme,
        consent_analysis=rng.random() < 0.98,
        consent_quote=consent_quote,
        # Publishing implies agreeing to be quoted: 0.75 * 0.733 is about 0.55 overall.
        consent_publish=consent_quote and rng.random() < 0.733,
        equality=_equality(rng, speaker),
        days_ago=min(240, int(rng.triangular(0, 241, 20))),
        feeling_of_influence=_influence(rng, speaker),
        contains_personal_data=bool(terms),
        personal_data_terms=terms,
    )


def generate_demo_contributions(seed: int = 7, count: int = 480) -> list[DemoContribution]:
    """Deterministic synthetic contributions for the demo: same seed and count, same list."""
    if count < 0:
        raise ValueError("count must not be negative")
    # Not for security: a seeded generator so that the demo is reproducible.
    rng = random.Random(seed)  # noqa: S311
    slots = _quota_slots(count, rng)
    personal = set(rng.sample(range(count), round(count * PERSONAL_DATA_SHARE)))
    accepted: dict[str, list[frozenset[str]]] = {}
    return [
        _make_one(rng, voice, code, index in personal, accepted)
        for index, (voice, code) in enumerate(slots)
    ]
