"""Check-digit algorithms that python-stdnum does not ship.

python-stdnum 2.2 validates Mexican CURP and RFC, Costa Rican cédulas
(`stdnum.cr.cpf`, `stdnum.cr.cr`), IBAN and the Luhn check, and those are used
directly. These are the region's other documents with a public check digit.
"""

from stdnum import luhn


def is_valid_clabe(number: str) -> bool:
    """Mexican CLABE: 18 digits, weights 3-7-1 over the first 17, modulo 10."""
    if len(number) != 18 or not number.isdigit():
        return False
    weights = ((3, 7, 1) * 6)[:17]
    total = sum(int(digit) * weight % 10 for digit, weight in zip(number[:17], weights, strict=True))
    return (10 - total % 10) % 10 == int(number[17])


def is_valid_gt_cui(number: str) -> bool:
    """Guatemalan DPI/CUI: 8 digits, a modulo-11 check digit, department and municipality."""
    if len(number) != 13 or not number.isdigit():
        return False
    total = sum(int(digit) * (position + 2) for position, digit in enumerate(number[:8]))
    department, municipality = int(number[9:11]), int(number[11:13])
    return total % 11 == int(number[8]) and 1 <= department <= 22 and municipality >= 1


def is_valid_sv_dui(number: str) -> bool:
    """Salvadoran DUI: 8 digits and a check digit, weights 9 down to 2, modulo 10."""
    if len(number) != 9 or not number.isdigit():
        return False
    total = sum(int(digit) * (9 - position) for position, digit in enumerate(number[:8]))
    return (10 - total % 10) % 10 == int(number[8])


_NI_LETTERS = "ABCDEFGHJKLMNPQRSTUVWXY"


def is_valid_ni_cedula(number: str) -> bool:
    """Nicaraguan cédula: 13 digits and a check letter, the number modulo 23."""
    if len(number) != 14 or not number[:13].isdigit():
        return False
    return _NI_LETTERS[int(number[:13]) % 23] == number[13].upper()


def is_valid_card(number: str) -> bool:
    """Payment card: 13 to 19 digits, an issuer prefix and a valid Luhn check."""
    return 13 <= len(number) <= 19 and number[0] in "23456" and luhn.is_valid(number)
