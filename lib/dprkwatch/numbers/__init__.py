"""Layer 3, figures: digits of every script, number words, scales and hedges read as quantities.

digits.py reads digit tokens, lexer.py finds number atoms, compose.py joins them by the
language's number grammar, hedges.py reads the words around a figure, quantity.py makes the
figures; peer_spec.py scores all that against a peer's number specification.
"""

from dprkwatch.numbers.digits import (
    NumberFormatError,
    format_number,
    parse_digits,
    to_ascii_digits,
)
from dprkwatch.numbers.quantity import (
    QUALIFIERS,
    Quantity,
    currency_of_sum,
    find_quantities,
    parse_quantity,
)

__all__ = [
    "QUALIFIERS",
    "NumberFormatError",
    "Quantity",
    "currency_of_sum",
    "find_quantities",
    "format_number",
    "parse_digits",
    "parse_quantity",
    "to_ascii_digits",
]
