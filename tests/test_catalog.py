"""One catalog of reasons: every sentence the package gives for why (a ledger check, the figure
parser, an estimator's refusal, an estimate's error convention) is a code in `i18n.catalog`, in
both languages, and no module outside `i18n/` writes a sentence of its own in two languages."""

import re
from pathlib import Path

from zhaodong_data.analysis.conventions import Convention
from zhaodong_data.analysis.reasons import Reason
from zhaodong_data.i18n.catalog import CATALOGS
from zhaodong_data.ledgers import reasons as ledger_reasons
from zhaodong_data.parsing.reasons import ParseReason

ROOT = Path(__file__).resolve().parent.parent
CJK = re.compile(r"[\u4e00-\u9fff]")


def test_every_code_of_every_kind_has_an_english_and_a_chinese_sentence():
    assert set(CATALOGS) == {"ledger", "parser", "estimator", "convention"}
    for kind, catalog in CATALOGS.items():
        assert catalog, kind
        for code, entry in catalog.items():
            assert set(entry) == {"en", "zh"}, (kind, code)
            assert all(callable(t) or (isinstance(t, str) and t.strip()) for t in entry.values()), (kind, code)
            if isinstance(entry["zh"], str):
                assert CJK.search(entry["zh"]), (kind, code)


def test_the_coded_sentences_are_written_from_the_one_catalog():
    assert ParseReason.CATALOG is CATALOGS["parser"]
    assert Reason.CATALOG is CATALOGS["estimator"]
    assert Convention.CATALOG is CATALOGS["convention"]
    assert ledger_reasons.CATALOG is CATALOGS["ledger"]


def test_no_module_outside_the_catalog_writes_a_sentence_in_two_languages():
    """A {"zh": ..., "en": ...} table in a module of its own is a second catalog: the pages' words
    are i18n/strings.py, the reasons i18n/catalog/."""
    found = []
    for folder in ("zhaodong_data", "dashboard"):
        for path in (ROOT / folder).rglob("*.py"):
            if path.is_relative_to(ROOT / "zhaodong_data" / "i18n"):
                continue
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if re.search(r"""["'](?:zh|en)["']\s*:""", line):
                    found.append(f"{path.relative_to(ROOT)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)
