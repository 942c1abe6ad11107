"""English upper-tier local authorities with children's services responsibilities (153, from
April 2023), spelt as the Department for Education spells them, grouped by region. Public facts;
a test checks the list against the DfE statistics in ../shared/data/dfe where they are present.

The 22 Welsh principal councils follow (Local Government (Wales) Act 1994, Schedule 1, as
amended), so that a service in Wales can be chosen on the "about you" page: kept apart from
LOCAL_AUTHORITIES because the DfE's figures, and so the representation checks, cover England
only."""

from __future__ import annotations

from django.utils.functional import lazy
from django.utils.translation import get_language

REGIONS: dict[str, tuple[str, ...]] = {
    "North East": (
        "County Durham", "Darlington", "Gateshead", "Hartlepool", "Middlesbrough",
        "Newcastle upon Tyne", "North Tyneside", "Northumberland", "Redcar and Cleveland",
        "South Tyneside", "Stockton-on-Tees", "Sunderland",
    ),
    "North West": (
        "Blackburn with Darwen", "Blackpool", "Bolton", "Bury", "Cheshire East",
        "Cheshire West and Chester", "Cumberland", "Halton", "Knowsley", "Lancashire",
        "Liverpool", "Manchester", "Oldham", "Rochdale", "Salford", "Sefton", "St. Helens",
        "Stockport", "Tameside", "Trafford", "Warrington", "Westmorland and Furness", "Wigan",
        "Wirral",
    ),
    "Yorkshire and The Humber": (
        "Barnsley", "Bradford", "Calderdale", "Doncaster", "East Riding of Yorkshire",
        "Kingston upon Hull, City of", "Kirklees", "Leeds", "North East Lincolnshire",
        "North Lincolnshire", "North Yorkshire", "Rotherham", "Sheffield", "Wakefield", "York",
    ),
    "East Midlands": (
        "Derby", "Derbyshire", "Leicester", "Leicestershire", "Lincolnshire",
        "North Northamptonshire", "Nottingham", "Nottinghamshire", "Rutland",
        "West Northamptonshire",
    ),
    "West Midlands": (
        "Birmingham", "Coventry", "Dudley", "Herefordshire, County of", "Sandwell", "Shropshire",
        "Solihull", "Staffordshire", "Stoke-on-Trent", "Telford and Wrekin", "Walsall",
        "Warwickshire", "Wolverhampton", "Worcestershire",
    ),
    "East of England": (
        "Bedford", "Cambridgeshire", "Central Bedfordshire", "Essex", "Hertfordshire", "Luton",
        "Norfolk", "Peterborough", "Southend-on-Sea", "Suffolk", "Thurrock",
    ),
    "London": (
        "Barking and Dagenham", "Barnet", "Bexley", "Brent", "Bromley", "Camden",
        "City of London", "Croydon", "Ealing", "Enfield", "Greenwich", "Hackney",
        "Hammersmith and Fulham", "Haringey", "Harrow", "Havering", "Hillingdon", "Hounslow",
        "Islington", "Kensington and Chelsea", "Kingston upon Thames", "Lambeth", "Lewisham",
        "Merton", "Newham", "Redbridge", "Richmond upon Thames", "Southwark", "Sutton",
        "Tower Hamlets", "Waltham Forest", "Wandsworth", "Westminster",
    ),
    "South East": (
        "Bracknell Forest", "Brighton and Hove", "Buckinghamshire", "East Sussex", "Hampshire",
        "Isle of Wight", "Kent", "Medway", "Milton Keynes", "Oxfordshire", "Portsmouth",
        "Reading", "Slough", "Southampton", "Surrey", "West Berkshire", "West Sussex",
        "Windsor and Maidenhead", "Wokingham",
    ),
    "South West": (
        "Bath and North East Somerset", "Bournemouth, Christchurch and Poole",
        "Bristol, City of", "Cornwall", "Devon", "Dorset", "Gloucestershire", "Isles of Scilly",
        "North Somerset", "Plymouth", "Somerset", "South Gloucestershire", "Swindon", "Torbay",
        "Wiltshire",
    ),
}
LOCAL_AUTHORITIES: tuple[str, ...] = tuple(
    sorted(name for names in REGIONS.values() for name in names)
)
REGION_OF: dict[str, str] = {name: region for region, names in REGIONS.items() for name in names}

# English name -> Welsh name, as each council writes them.
WELSH_COUNCILS: dict[str, str] = {
    "Blaenau Gwent": "Blaenau Gwent", "Bridgend": "Pen-y-bont ar Ogwr",
    "Caerphilly": "Caerffili", "Cardiff": "Caerdydd", "Carmarthenshire": "Sir Gaerfyrddin",
    "Ceredigion": "Ceredigion", "Conwy": "Conwy", "Denbighshire": "Sir Ddinbych",
    "Flintshire": "Sir y Fflint", "Gwynedd": "Gwynedd", "Isle of Anglesey": "Ynys Môn",
    "Merthyr Tydfil": "Merthyr Tudful", "Monmouthshire": "Sir Fynwy",
    "Neath Port Talbot": "Castell-nedd Port Talbot", "Newport": "Casnewydd",
    "Pembrokeshire": "Sir Benfro", "Powys": "Powys", "Rhondda Cynon Taf": "Rhondda Cynon Taf",
    "Swansea": "Abertawe", "Torfaen": "Torfaen", "Vale of Glamorgan": "Bro Morgannwg",
    "Wrexham": "Wrecsam",
}
# Every council a person can say they live in or get support from, stored by English name.
COUNCILS: tuple[str, ...] = tuple(sorted((*LOCAL_AUTHORITIES, *WELSH_COUNCILS)))


def _council_name(english: str) -> str:
    welsh = WELSH_COUNCILS.get(english)
    return welsh if welsh and (get_language() or "").startswith("cy") else english


# A council's name in the page's language (English councils have one name in both).
council_name = lazy(_council_name, str)
