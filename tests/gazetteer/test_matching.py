import pytest

from zhaodong_data.gazetteer import load_gazetteer, village_key

YONGFENG = "231282106202"


@pytest.fixture(scope="module")
def gazetteer():
    return load_gazetteer()


def test_counts_match_the_published_186_villages(gazetteer):
    villages = gazetteer.villages
    assert (villages["level"] == "village").sum() == 186
    assert villages["code"].is_unique
    assert len(gazetteer.towns) == 27
    assert set(villages["town_code"]) <= set(gazetteer.towns["code"])


def test_haicheng_villages_sit_under_the_renamed_town(gazetteer):
    haicheng = gazetteer.villages[gazetteer.villages["code"].str.startswith("231282203")]
    assert len(haicheng) == 7
    assert set(haicheng["town_name"]) == {"海城镇"}
    assert gazetteer.match_village("新立村", town="海城乡").code == "231282203201"
    assert gazetteer.match_village("新立村", town="海城镇").code == "231282203201"


@pytest.mark.parametrize(
    "name",
    [
        "永丰村",
        "永丰",
        "永丰村委会",
        "永丰村民委员会",
        "Yongfeng Village",
        "Yongfeng Cun",
        "yongfeng",
        "YONGFENG VILLAGE",
        "Yǒngfēng Village",
        "里木店镇永丰村",
        "Yongfeng Village, Limudian Town",
    ],
)
def test_village_name_forms(gazetteer, name):
    match = gazetteer.match_village(name)
    assert match.status == "matched", match.message
    assert match.code == YONGFENG


@pytest.mark.parametrize(
    "name, town, code",
    [
        ("Xiangyang Village", "Xiangyang Township", "231282204203"),
        ("向阳村", "向阳乡", "231282204203"),
        ("Dong'an Village", "Five Station Town", "231282103203"),
        ("东安村", "五站镇", "231282103203"),
        ("Dongan", None, "231282103203"),
        ("长胜村", "宣化乡", "231282213202"),
    ],
)
def test_village_with_town(gazetteer, name, town, code):
    match = gazetteer.match_village(name, town=town)
    assert match.ok, match.message
    assert match.code == code


@pytest.mark.parametrize(
    "name, town, code",
    [
        ("Five Station Town", None, "231282103000"),
        ("五站镇", None, "231282103000"),
        ("五站", None, "231282103000"),
        ("Wuzhan Zhen", None, "231282103000"),
        ("Xiangyang Township", None, "231282204000"),
        ("Limudian", None, "231282106000"),
        ("海城乡", None, "231282112000"),
    ],
)
def test_town_names(gazetteer, name, town, code):
    assert gazetteer.match_town(name).code == code


@pytest.mark.parametrize(
    "name, codes",
    [
        ("东升村", {"231282109202", "231282215210"}),
        ("金山村", {"231282106203", "231282215211"}),
        ("Jinshan Village", {"231282106203", "231282215211"}),
    ],
)
def test_repeated_names_are_ambiguous_never_a_silent_pick(gazetteer, name, codes):
    match = gazetteer.match_village(name)
    assert match.status == "ambiguous"
    assert match.code is None
    assert set(match.candidates) == codes
    assert "give the town" in match.message
    for code in codes:
        assert code in match.message


def test_ambiguity_resolved_by_town(gazetteer):
    assert gazetteer.match_village("东升村", town="明久乡").code == "231282215210"
    assert gazetteer.match_village("东升村", town="五里明镇").code == "231282109202"


def test_changsheng_in_five_station_town_is_unresolved(gazetteer):
    """The article's 'Changsheng Village, Five Station Town': 五站镇 has no 长胜村."""
    match = gazetteer.match_village("Changsheng Village", town="Five Station Town")
    assert match.status == "town_mismatch"
    assert match.code is None
    assert "231282213202" in match.candidates  # 宣化乡长胜村 is named as a candidate


def test_unknown_names(gazetteer):
    assert gazetteer.match_village("Wumu State Town").status == "unknown"
    assert gazetteer.match_village("").status == "unknown"
    assert gazetteer.match_village(None).status == "unknown"
    unknown_town = gazetteer.match_village("永丰村", town="火星镇")
    assert unknown_town.status == "unknown" and "火星镇" in unknown_town.message


def test_village_key_strips_suffixes():
    assert village_key("永丰村委会") == village_key("永丰村") == village_key("永丰") == "永丰"
    assert village_key("Dong'an Village") == village_key("Dong'an Cun") == "dongan"


def test_missing_town_value_is_no_town(gazetteer):
    assert gazetteer.match_village("永丰村", town=float("nan")).code == YONGFENG
    assert gazetteer.match_village("永丰村", town="  ").code == YONGFENG
