"""What a ledger check says, as codes with parameters, rendered in Chinese or English from one catalog.

Reports and the store keep the code and its parameters next to the English sentence, so that a
reader in either language sees the same reason (the dashboard renders it in the page's language).
"""

from __future__ import annotations

import json
import re

import pandas as pd

from ..i18n.catalog.ledger import CATALOG


def render(code: str | None, params: dict | None, lang: str, fallback: str = "") -> str:
    """The sentence for a code in `lang` (zh or en); `fallback` (the stored English) for an unknown code."""
    entry = CATALOG.get(code or "")
    if entry is None:
        return fallback
    template = entry.get(lang) or entry["en"]
    params = params or {}
    return template(params) if callable(template) else template.format(**params)


def warning_sentence(warning: dict, lang: str) -> str:
    """A report warning ({sheet, code, params}) as a sentence naming its sheet."""
    text = render(warning["code"], warning["params"], lang)
    if warning["code"] == "read_as_encoding" or not warning.get("sheet"):
        return text
    return f"sheet {warning['sheet']!r}: {text}" if lang != "zh" else f"工作表“{warning['sheet']}”：{text}"


def localized(quarantine, lang: str):
    """A quarantine table (a report's entries or the store's rows) with `reason` in `lang`. Its
    `params` may be a dict or JSON text; rows without a code keep their English reason."""
    frame = pd.DataFrame(quarantine).copy()
    if frame.empty or "code" not in frame:
        return frame

    def sentence(row) -> str:
        params = row["params"]
        if isinstance(params, str):
            params = json.loads(params) if params else {}
        return render(row["code"], params if isinstance(params, dict) else {}, lang, fallback=row["reason"])

    frame["reason"] = [sentence(row) for row in frame.to_dict("records")]
    return frame


def check_catalog() -> list[str]:
    """Codes whose templates name different parameters in the two languages (for the tests)."""
    problems = []
    for code, entry in CATALOG.items():
        if set(entry) != {"en", "zh"}:
            problems.append(f"{code}: needs en and zh")
        names = [set(re.findall(r"{(\w+)", t)) for t in entry.values() if isinstance(t, str)]
        if len(names) == 2 and not names[1] <= names[0] | {"kind_zh"}:
            problems.append(f"{code}: zh uses {names[1] - names[0]}")
    return problems
