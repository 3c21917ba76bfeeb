"""A sentence that knows its code: the one mechanism by which the package says why, in both languages.

`CodedText` is a `str` (its English sentence: it prints, compares, and is written to JSON as
before) that keeps the code and parameters it was made from, so that a page renders it in its
own language from a catalog, never by matching the English. A module with reasons of its own
subclasses it with its CATALOG ({code: {"en": template, "zh": template}}).
"""

from __future__ import annotations

import string
from typing import ClassVar


class CodedText(str):
    CATALOG: ClassVar[dict[str, dict[str, str]]] = {}
    code: str
    params: dict

    def __new__(cls, code: str, **params):
        sentence = super().__new__(cls, cls.CATALOG[code]["en"].format(**params))
        sentence.code, sentence.params = code, params
        return sentence

    def render(self, lang: str) -> str:
        return self.CATALOG[self.code]["zh" if lang == "zh" else "en"].format(**self.params)

    def __reduce__(self):  # copied and pickled (dataclasses.asdict deep-copies) as itself
        return (_rebuilt, (type(self), self.code, self.params))


def _rebuilt(cls: type[CodedText], code: str, params: dict) -> CodedText:
    return cls(code, **params)


def template_fields(template: str) -> set[str]:
    """The parameters a catalog template names ({n}, {raw!r}: n and raw), for the catalogs' tests."""
    return {name for _, name, _, _ in string.Formatter().parse(template) if name}


def text_in(sentence, lang: str) -> str:
    """A sentence in `lang`: a CodedText rendered, any other text as it is."""
    return sentence.render(lang) if isinstance(sentence, CodedText) else sentence
