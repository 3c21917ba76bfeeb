"""Why an estimator gives no estimate, as a code with its parameters, in English and Chinese.

An estimator returns `Reason(code, **params)` (an `i18n.coded.CodedText`): a string (its English sentence, so that an
estimate's `reason` reads, prints and compares as before) that also knows its code and
parameters, so that a page writes it in its own language with `render(lang)`, never by matching
the English sentence. Every code has both languages (a test checks).
"""

from __future__ import annotations

from ..i18n.catalog.estimator import CATALOG
from ..i18n.coded import CodedText, text_in


class Reason(CodedText):
    """A refusal's English sentence that keeps its code and parameters (`render` in any language)."""

    CATALOG = CATALOG


def reason_in(reason, lang: str) -> str:
    """An estimate's reason in `lang`: a Reason rendered, any other text as it is."""
    return text_in(reason, lang)
