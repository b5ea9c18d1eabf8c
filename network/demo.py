"""Demo step: country sheets for the eight countries of the region, fictional colleagues, focal points.

Institutions come from :mod:`network.demo_reference` (real, public). The sheets' institutional facts (who the
central authority is, the laws) follow public sources; their procedures, times and tips are plausible but
fictional, and so is every person. Idempotent: sheets are created once, members are keyed by e-mail address,
designations by (member, need).
"""

import datetime

from django.db import transaction
from django.utils import timezone
from faker import Faker

from members.factories import DEFAULT_PASSWORD, MembershipFactory
from members.models import Membership

from .models import (
    Channel,
    Country,
    CountrySheet,
    FocalPointDesignation,
    Institution,
    InstitutionType,
    LegalInstrument,
    Need,
    NeedGuidance,
)

REGION = ["MX", "GT", "BZ", "SV", "HN", "NI", "CR", "PA"]

# Per country: MLA central authority, extradition central authority (names as in demo_reference), languages,
# channels, and the trafficking law (title es, title en, year).
SHEETS = {
    "MX": (
        "Dirección General de Procedimientos Internacionales",
        "Secretaría de Relaciones Exteriores",
        "es",
        {"diplomatic", "direct", "interpol", "email_in_advance"},
        "Ley General para Prevenir, Sancionar y Erradicar los Delitos en Materia de Trata de Personas",
        "General Law to Prevent, Punish and Eradicate Trafficking in Persons Offences",
        2012,
    ),
    "GT": (
        "Ministerio Público",
        "Ministerio de Relaciones Exteriores",
        "es",
        {"diplomatic", "direct", "interpol"},
        "Ley contra la Violencia Sexual, Explotación y Trata de Personas (Decreto 9-2009)",
        "Law against Sexual Violence, Exploitation and Trafficking in Persons (Decree 9-2009)",
        2009,
    ),
    "BZ": (
        "Attorney General's Ministry",
        "Ministry of Foreign Affairs",
        "en",
        {"diplomatic", "interpol"},
        "Ley de Trata de Personas (Prohibición), 2013",
        "Trafficking in Persons (Prohibition) Act, 2013",
        2013,
    ),
    "SV": (
        "Fiscalía General de la República",
        "Corte Suprema de Justicia",
        "es",
        {"diplomatic", "direct", "interpol", "email_in_advance"},
        "Ley Especial contra la Trata de Personas",
        "Special Law against Trafficking in Persons",
        2014,
    ),
    "HN": (
        "Ministerio Público",
        "Secretaría de Relaciones Exteriores y Cooperación Internacional",
        "es",
        {"diplomatic", "direct", "interpol"},
        "Ley contra la Trata de Personas (Decreto 59-2012)",
        "Law against Trafficking in Persons (Decree 59-2012)",
        2012,
    ),
    "NI": (
        "Ministerio Público",
        "Ministerio de Relaciones Exteriores",
        "es",
        {"diplomatic", "interpol"},
        "Ley contra la Trata de Personas (Ley 896)",
        "Law against Trafficking in Persons (Law 896)",
        2015,
    ),
    "CR": (
        "Oficina de Asesoría Técnica y Relaciones Internacionales",
        "Ministerio de Relaciones Exteriores y Culto",
        "es",
        {"diplomatic", "direct", "interpol", "email_in_advance"},
        "Ley contra la Trata de Personas y creación de la CONATT (Ley 9095)",
        "Law against Trafficking in Persons and creating CONATT (Law 9095)",
        2012,
    ),
    "PA": (
        "Ministerio de Relaciones Exteriores",
        "Ministerio de Relaciones Exteriores",
        "es",
        {"diplomatic", "direct", "interpol", "email_in_advance"},
        "Ley 79 sobre trata de personas y actividades conexas",
        "Law 79 on trafficking in persons and related acts",
        2011,
    ),
}
REGIONAL_INSTRUMENTS = [
    (
        "Convención Interamericana sobre Asistencia Mutua en Materia Penal",
        "Inter-American Convention on Mutual Assistance in Criminal Matters",
        "https://www.oas.org/juridico/english/treaties/a-55.html",
    ),
    (
        "Protocolo para prevenir, reprimir y sancionar la trata de personas (Protocolo de Palermo)",
        "Protocol to Prevent, Suppress and Punish Trafficking in Persons (Palermo Protocol)",
        "https://www.ohchr.org/en/instruments-mechanisms/instruments/protocol-prevent-suppress-and-punish-trafficking-persons",
    ),
]

# Which kind of institution answers each need, its channel, and who in a country's team is its focal point.
NEED_ROUTES = {
    "mla-request": (InstitutionType.CENTRAL_AUTHORITY, Channel.DIRECT, "central_authority"),
    "evidence-collection": (InstitutionType.CENTRAL_AUTHORITY, Channel.DIRECT, "central_authority"),
    "controlled-delivery": (InstitutionType.POLICE, Channel.INTERPOL, "police_investigator"),
    "locate-person": (InstitutionType.INTERPOL_NCB, Channel.INTERPOL, "interpol_ncb"),
    "extradition": (InstitutionType.CENTRAL_AUTHORITY, Channel.DIPLOMATIC, "central_authority"),
    "victim-protection": (InstitutionType.VICTIM_PROTECTION, Channel.DIRECT, "victim_protection"),
    "witness-protection": (InstitutionType.PROSECUTION, Channel.DIRECT, "prosecutor"),
    "financial-investigation": (InstitutionType.PROSECUTION, Channel.DIRECT, "prosecutor"),
    "joint-investigation-team": (InstitutionType.PROSECUTION, Channel.DIRECT, "prosecutor"),
    "digital-evidence": (InstitutionType.POLICE, Channel.EMAIL_IN_ADVANCE, "police_investigator"),
}

# The fictional team of each country: practitioner type, institution type, position (es, en), specializations.
TEAM = [
    (
        "central_authority",
        InstitutionType.CENTRAL_AUTHORITY,
        ("Enlace de asistencia judicial", "MLA liaison officer"),
        ["mla_extradition", "trafficking"],
    ),
    (
        "prosecutor",
        InstitutionType.PROSECUTION,
        ("Fiscal especializado en trata", "Trafficking prosecutor"),
        ["trafficking", "smuggling", "financial_investigation"],
    ),
    (
        "police_investigator",
        InstitutionType.POLICE,
        ("Investigador de la unidad de trata", "Trafficking investigator"),
        ["trafficking", "digital_evidence"],
    ),
    (
        "interpol_ncb",
        InstitutionType.INTERPOL_NCB,
        ("Oficial de enlace INTERPOL", "INTERPOL liaison officer"),
        ["smuggling", "trafficking"],
    ),
    (
        "victim_protection",
        InstitutionType.VICTIM_PROTECTION,
        ("Coordinación de atención a víctimas", "Victim support coordinator"),
        ["victim_witness_protection", "sexual_exploitation", "labour_exploitation"],
    ),
]

REQUIREMENTS = (
    "Solicitud escrita con los hechos, la calificación jurídica, las diligencias pedidas y la base convencional; "
    "traducción al {lang_es} si se redacta en otro idioma.",
    "A written request stating the facts, the legal qualification, the measures sought and the treaty basis; "
    "a translation into {lang_en} if written in another language.",
)
URGENT = (
    "Adelante la solicitud escaneada por correo electrónico al punto focal y confirme por teléfono; el original "
    "sigue por la vía formal en un plazo de 10 días.",
    "Send the scanned request ahead by e-mail to the focal point and confirm by phone; the original follows "
    "through the formal channel within 10 days.",
)
LANGUAGE_NAMES = {"es": ("español", "Spanish"), "en": ("inglés", "English")}


def institution_of_type(country, kind):
    """The country's first institution of that type (parents first), or its prosecution service."""
    found = Institution.objects.filter(country=country, institution_type=kind).order_by("parent_id", "name").first()
    return found or Institution.objects.filter(country=country).order_by("parent_id", "name").first()


def seed_sheet(country, report):
    if CountrySheet.objects.filter(country=country).exists():
        return
    mla_name, extradition_name, language, channels, law_es, law_en, year = SHEETS[country.code]
    lang_es, lang_en = LANGUAGE_NAMES[language]
    sheet = CountrySheet.objects.create(
        country=country,
        mla_central_authority=Institution.objects.filter(country=country, name=mla_name).first(),
        extradition_central_authority=Institution.objects.filter(country=country, name=extradition_name).first(),
        accepted_languages=language if language == "es" else "en es",
        channel_diplomatic="diplomatic" in channels,
        channel_direct="direct" in channels,
        channel_interpol="interpol" in channels,
        channel_email_in_advance="email_in_advance" in channels,
        legal_requirements_es=f"<p>{REQUIREMENTS[0].format(lang_es=lang_es)}</p>",
        legal_requirements_en=f"<p>{REQUIREMENTS[1].format(lang_en=lang_en)}</p>",
        response_times_es="Asistencia judicial: de 2 a 6 meses. Solicitudes urgentes: de 48 a 72 horas.",
        response_times_en="Mutual legal assistance: 2 to 6 months. Urgent requests: 48 to 72 hours.",
        urgent_procedure_es=f"<p>{URGENT[0]}</p>",
        urgent_procedure_en=f"<p>{URGENT[1]}</p>",
        practical_tips_es="<p>Anticipe el contacto con el punto focal antes de enviar la solicitud formal; indique "
        "siempre un número de caso y una persona de contacto con teléfono directo.</p>",
        practical_tips_en="<p>Reach the focal point before sending the formal request; always give a case number "
        "and a contact person with a direct phone line.</p>",
        # One sheet reviewed long ago, so editors see the "overdue" flag in the demo.
        last_reviewed=timezone.localdate() - datetime.timedelta(days=420 if country.code == "NI" else 60),
    )
    LegalInstrument.objects.create(sheet=sheet, title_es=f"{law_es} ({year})", title_en=f"{law_en} ({year})")
    for title_es, title_en, url in REGIONAL_INSTRUMENTS:
        LegalInstrument.objects.create(sheet=sheet, title_es=title_es, title_en=title_en, url=url)
    for need in Need.objects.all():
        kind, channel, _role = NEED_ROUTES.get(need.slug, (InstitutionType.PROSECUTION, Channel.DIRECT, ""))
        if kind == InstitutionType.CENTRAL_AUTHORITY:
            competent = (
                sheet.extradition_central_authority if need.slug == "extradition" else sheet.mla_central_authority
            )
        else:
            competent = institution_of_type(country, kind)
        NeedGuidance.objects.create(
            sheet=sheet,
            need=need,
            institution=competent,
            channel=channel,
            languages=sheet.accepted_languages,
            requirements_es=REQUIREMENTS[0].format(lang_es=lang_es),
            requirements_en=REQUIREMENTS[1].format(lang_en=lang_en),
            urgent_procedure_es=URGENT[0],
            urgent_procedure_en=URGENT[1],
        )
    report.count(True, f"country sheet {country.code}")


def seed_team(country, report):
    """Five fictional colleagues per country, one per role, and their focal-point designations."""
    fake = Faker("en_US" if country.code == "BZ" else "es_MX")
    fake.seed_instance(f"enlace-{country.code}")
    english = country.code == "BZ"
    created = 0
    team = {}
    for number, (practitioner_type, kind, positions, specializations) in enumerate(TEAM, start=1):
        first, last = fake.first_name(), fake.last_name()
        email = f"demo.{country.code.lower()}{number}@enlace.example"
        membership = Membership.objects.filter(user__email=email).first()
        if membership is None:
            sheet = CountrySheet.objects.filter(country=country).first()
            if kind == InstitutionType.CENTRAL_AUTHORITY and sheet and sheet.mla_central_authority_id:
                institution = sheet.mla_central_authority
            else:
                institution = institution_of_type(country, kind)
            membership = MembershipFactory(
                vetted=True,
                user__email=email,
                user__first_name=first,
                user__last_name=last,
                country=country,
                institution=institution,
                position=positions[1] if english else positions[0],
                practitioner_type=practitioner_type,
                phone=fake.numerify("+### #### ####"),
                specializations=specializations,
                languages=["en", "es"] if english or number == 1 else ["es"],
                language="en" if english else "es",
            )
            created += 1
        team[practitioner_type] = membership
    report.add(created, f"fictional members in {country.code}")

    designated = 0
    for need in Need.objects.all():
        role = NEED_ROUTES.get(need.slug, (None, None, "prosecutor"))[2]
        membership = team.get(role)
        if membership is None or membership.institution_id is None:
            continue
        _designation, made = FocalPointDesignation.objects.get_or_create(
            member=membership.user,
            need=need,
            defaults={"institution_id": membership.institution_id, "start_date": datetime.date(2026, 1, 15)},
        )
        designated += made
    report.add(designated, f"focal-point designations in {country.code}")
    return team


@transaction.atomic
def seed(report, **options):
    """Country sheets and a fictional team with focal points for each of the eight countries of the region."""
    for country in Country.objects.filter(code__in=REGION):
        seed_sheet(country, report)
        team = seed_team(country, report)
        if country.code == "PA":
            email = team["central_authority"].user.email
            report.account("Panama MLA focal point (TOTP set up at first sign-in)", email, DEFAULT_PASSWORD)
