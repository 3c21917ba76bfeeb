"""Every sentence the package says about why, in one place: code -> {"en": ..., "zh": ...} for
each kind of message. A reason is made where it arises as a code and its parameters (a ledger
check's, the figure parser's, an estimator's refusal, an estimate's error convention) and written
in a page's language from here, never by matching its English. The pages' own labels and
captions are `i18n.strings.STRINGS`."""

from .convention import CATALOG as CONVENTIONS
from .estimator import CATALOG as ESTIMATOR_REASONS
from .ledger import CATALOG as LEDGER_REASONS
from .parser import CATALOG as PARSER_REASONS

# kind of message -> its catalog; a code is unique within its kind (the ledger's "formula" cell
# and the parser's "formula" string are told apart by their kind)
CATALOGS = {
    "ledger": LEDGER_REASONS,
    "parser": PARSER_REASONS,
    "estimator": ESTIMATOR_REASONS,
    "convention": CONVENTIONS,
}

__all__ = ["CATALOGS", "CONVENTIONS", "ESTIMATOR_REASONS", "LEDGER_REASONS", "PARSER_REASONS"]
