"""Small DfE/ONS-shaped files for tests that must not depend on ../shared/data."""

from __future__ import annotations

from pathlib import Path

import pytest

from heard.reports import dfe

SHARED_DFE = Path(__file__).resolve().parents[3] / "shared" / "data" / "dfe"

EES = ("time_period,time_identifier,geographic_level,country_code,country_name,region_code,"
       "region_name,old_la_code,la_name,new_la_code")
CLA = (
    f"\ufeff{EES},population_type,population_estimate,children_count,rate_per_10000\n"
    "2025,Reporting year,National,E92000001,England,,,,,,"
    "Children looked after on 31 March each year,12183016,81770,67\n"
    "2024,Reporting year,National,E92000001,England,,,,,,"
    "Children looked after on 31 March each year,12000000,83000,69\n"
    "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,"
    "E06000001,Children looked after on 31 March each year,21090,332,157\n"
    "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,806,Middlesbrough,"
    "E06000002,Children looked after on 31 March each year,x,c,c\n"
)
CIN = (
    f"{EES},category,Anypoint_child,At31_episodes\n"
    "2025,Reporting year,National,E92000001,England,,,,,,Children in Need,704430,402400\n"
    "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,"
    "E06000001,Children in Need,1500,low\n"
)
LEAVERS = (
    f"\ufeff{EES},care_leaver_age,breakdown,care_leaver_count,care_leaver_percent\n"
    "2025,Reporting year,National,E92000001,England,,,,,,17 to 18 years,Total,14800,100\n"
    "2025,Reporting year,National,E92000001,England,,,,,,19 to 21 years,Total,38440,100\n"
    "2025,Reporting year,National,E92000001,England,,,,,,19 to 21 years,In an apprenticeship,"
    "900,2\n"
    "2025,Reporting year,Local authority,E92000001,England,E12000001,North East,805,Hartlepool,"
    "E06000001,17 to 18 years,Total,z,z\n"
)
ONS_NAT = (
    "Countries Code,Countries,Ethnic group (20 categories) Code,Ethnic group (20 categories),"
    "Observation\n"
    "E92000001,England,-8,Does not apply,0\n"
    'E92000001,England,1,"Asian, Asian British or Asian Welsh: Indian",1000\n'
    'E92000001,England,6,"Black, Black British, Black Welsh, Caribbean or African: African",'
    "1000\n"
    "E92000001,England,9,Mixed or Multiple ethnic groups: White and Asian,500\n"
    "E92000001,England,13,\"White: English, Welsh, Scottish, Northern Irish or British\",7000\n"
    "E92000001,England,18,Other ethnic group: Arab,500\n"
)
ONS_LA = ONS_NAT.replace("Countries Code,Countries",
                         "2023 Upper tier local authorities Code,2023 Upper tier local authorities"
                         ).replace("E92000001,England", "E06000001,Hartlepool")


def write_sample(directory: Path) -> Path:
    files = {
        dfe.CLA_FILE: CLA, dfe.CIN_FILE: CIN, dfe.CARE_LEAVERS_FILE: LEAVERS,
        dfe.ETHNICITY_NAT_FILE: ONS_NAT, dfe.ETHNICITY_LA_FILE: ONS_LA,
    }
    for name, text in files.items():
        (directory / name).write_text(text, encoding="utf-8")
    return directory


@pytest.fixture
def sample_dir(tmp_path: Path) -> Path:
    return write_sample(tmp_path)


@pytest.fixture
def shared_dfe() -> Path:
    if not (SHARED_DFE / dfe.CLA_FILE).exists():
        pytest.skip(f"DfE reference data not found at {SHARED_DFE}; these tests use the real "
                    "files from ../shared/data/dfe")
    return SHARED_DFE
