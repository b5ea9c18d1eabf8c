"""The network's countries and the needs practitioners ask of counterparts abroad.

Loaded by a data migration (editors may edit them afterwards in the admin) and reloaded, unchanged if present,
by `seed_demo` and by tests that flush the database.
"""

COUNTRIES = [
    # code, Spanish, English, in the region
    ("MX", "México", "Mexico", True),
    ("GT", "Guatemala", "Guatemala", True),
    ("BZ", "Belice", "Belize", True),
    ("SV", "El Salvador", "El Salvador", True),
    ("HN", "Honduras", "Honduras", True),
    ("NI", "Nicaragua", "Nicaragua", True),
    ("CR", "Costa Rica", "Costa Rica", True),
    ("PA", "Panamá", "Panama", True),
    ("CO", "Colombia", "Colombia", False),
    ("DO", "República Dominicana", "Dominican Republic", False),
    ("US", "Estados Unidos", "United States", False),
    ("ES", "España", "Spain", False),
]

NEEDS = [
    ("mla-request", "Enviar una solicitud de asistencia judicial", "Send a mutual legal assistance request"),
    ("evidence-collection", "Solicitar la obtención de pruebas", "Request evidence collection"),
    ("controlled-delivery", "Coordinar una entrega vigilada", "Coordinate a controlled delivery"),
    (
        "locate-person",
        "Localizar a una persona o pedir una notificación de INTERPOL",
        "Locate a person or request an INTERPOL notice",
    ),
    ("extradition", "Extradición", "Extradition"),
    ("victim-protection", "Protección y repatriación de víctimas", "Victim protection and repatriation"),
    ("witness-protection", "Protección de testigos", "Witness protection"),
    (
        "financial-investigation",
        "Investigación financiera y recuperación de activos",
        "Financial investigation and asset recovery",
    ),
    ("joint-investigation-team", "Equipo conjunto de investigación", "Joint investigation team"),
    ("digital-evidence", "Preservación de evidencia digital", "Digital evidence preservation"),
]


def load(Country, Need):
    """Create or refresh the countries and needs; takes the model classes so a migration can pass its own."""
    for order, (code, name_es, name_en, in_region) in enumerate(COUNTRIES, start=1):
        Country.objects.update_or_create(
            code=code, defaults={"name_es": name_es, "name_en": name_en, "in_region": in_region, "sort_order": order}
        )
    for order, (slug, name_es, name_en) in enumerate(NEEDS, start=1):
        Need.objects.update_or_create(slug=slug, defaults={"name_es": name_es, "name_en": name_en, "sort_order": order})
