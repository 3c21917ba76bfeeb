"""Why a figure string is not read, as a code with its parameters, in English and Chinese.

`parse_amount` returns an invalid Amount whose `reason` is a `ParseReason`: its English sentence
(as the contract writes it) that renders itself in Chinese from the code (`i18n.coded`). A
Chinese template may leave out a parameter that is English detail (a numeral's fault in words).
"""

from __future__ import annotations

from ..i18n.catalog.parser import CATALOG
from ..i18n.coded import CodedText


class ParseReason(CodedText):
    """Why a figure string is not read, in English, knowing its code (`render` in any language)."""

    CATALOG = CATALOG
