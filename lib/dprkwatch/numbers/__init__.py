"""Layer 3, figures: digits of every script, number words, scales and hedges read as quantities."""

from dprkwatch.numbers.reader import (
    QUALIFIERS,
    NumberFormatError,
    Quantity,
    find_quantities,
    format_number,
    parse_digits,
    parse_quantity,
    to_ascii_digits,
)

__all__ = [
    "QUALIFIERS",
    "NumberFormatError",
    "Quantity",
    "find_quantities",
    "format_number",
    "parse_digits",
    "parse_quantity",
    "to_ascii_digits",
]
