"""Every page in each language, as a reader meets it: every chart's table shown, every dropdown
opened, and every word in the page's language but for short reviewed lists."""

import re

import pytest

pytestmark = pytest.mark.browser
CJK = re.compile(r"[\u4e00-\u9fff]")
PAGES = ["/", "/compare", "/trends", "/towns", "/village?village=231282106202", "/sources", "/town?town=231282106000"]
PAGES += ["/report"]

# Formats, software and the names of the methods' authors, as Chinese texts cite them.
ALLOWED_LATIN = {"CSV", "Excel", "English", "CRV", "fixest", "GDP", "Webb", "PNG", "PDF", "XLSX"}
ALLOWED_LATIN |= {"Rambachan", "Roth", "Borusyak", "Jaravel", "Spiess", "pyfixest", "did2s"}

# What a reader sees once everything is open: the body's text with every chart's table shown, and
# the options of every dropdown (each opened in turn). What is shown as published (raw strings,
# the register, the modebar's icons, the language toggle) is left out.
READ_EVERYTHING = """async () => {
    const pause = ms => new Promise(done => setTimeout(done, ms));
    for (const wrap of document.querySelectorAll('[id$="-table-wrap"]')) { wrap.style.display = 'block'; }
    await pause(600);
    const options = [];
    for (const button of [...document.querySelectorAll('button.dash-dropdown')]) {
        button.scrollIntoView();
        button.click();
        await pause(250);
        document.querySelectorAll('.dash-dropdown-option').forEach(o => options.push(o.innerText));
        document.querySelectorAll('.dash-dropdown-content input, .dash-dropdown-search')
            .forEach(i => options.push(i.placeholder || ''));
        document.dispatchEvent(new KeyboardEvent('keydown', {key: 'Escape', bubbles: true}));
        button.click();
        await pause(100);
    }
    const hidden = [...document.querySelectorAll('#sources-table, .verbatim, .modebar, #lang-toggle')];
    hidden.forEach(e => { e.dataset.display = e.style.display; e.style.display = 'none'; });
    const text = document.body.innerText;
    hidden.forEach(e => { e.style.display = e.dataset.display; });
    return {text: text, options: options, dropdowns: document.querySelectorAll('button.dash-dropdown').length}; }"""


def read_everything(page, path: str, lang: str) -> dict:
    page.open(path + ("&" if "?" in path else "?") + f"lang={lang}", "#page h1, #page h2, #page .main-svg")
    page.page.wait_for_timeout(1200)
    seen = page.page.evaluate(READ_EVERYTHING)
    assert page.errors == []
    assert bool(seen["options"]) == bool(seen["dropdowns"]), seen["dropdowns"]  # each dropdown was opened
    if path == "/compare":  # and read: the outcomes, the aspects, the towns
        expected = {
            "zh": ["村集体经济收入", "党建", "里木店镇"],
            "en": ["Collective income", "Party building", "Limudian"],
        }
        for word in expected[lang]:
            assert any(word in option for option in seen["options"]), (word, seen["options"][:20])
    return seen


@pytest.mark.parametrize("path", PAGES)
def test_a_chinese_page_speaks_chinese_with_every_table_and_dropdown_open(page, path):
    seen = read_everything(page, path, "zh")
    body = seen["text"] + "\n" + "\n".join(seen["options"])
    words = set(re.findall(r"[A-Za-z][A-Za-z_]{2,}", body)) - ALLOWED_LATIN
    assert not words, sorted(words)
    half_width = re.findall(
        r".{0,8}(?:[\u4e00-\u9fff][,;:!?] ?[\u4e00-\u9fff]|[\u4e00-\u9fff] ?\([\u4e00-\u9fff]"
        r"|[\u4e00-\u9fff]\)[\u4e00-\u9fff]).{0,8}",
        body,
    )
    assert not half_width, half_width  # Chinese sentences take full-width punctuation: ，；：（）
    assert page.page.evaluate("document.documentElement.lang") == "zh-CN"


@pytest.mark.parametrize("path", PAGES)
def test_an_english_page_speaks_english_with_every_table_and_dropdown_open(page, path):
    """No Chinese on an English page (年, 亩, 万元 included), options included."""
    seen = read_everything(page, path, "en")
    body = seen["text"] + "\n" + "\n".join(seen["options"])
    assert not CJK.search(body), sorted(set(CJK.findall(body)))[:30]
    assert page.page.evaluate("document.documentElement.lang") == "en"
