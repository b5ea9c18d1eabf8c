"""Demo events: the regional course in San José and other past and upcoming events, in Spanish and English, with
fictional participants and published contributions. Idempotent: events are found by slug, people by e-mail."""

import datetime

from django.db import transaction
from django.utils import timezone
from wagtail.models import Locale

from events.models import Contribution, ContributionStatus, EventIndexPage, EventPage
from events.participants import register
from events.submission import build_experience
from home.models import HomePage
from members.access import has_mfa
from members.demo import demo_secret
from members.factories import DEFAULT_PASSWORD, MembershipFactory, activate_totp
from members.models import User
from network.models import Country

INDEXES = {
    "es": {"title": "Eventos", "slug": "eventos", "intro": "<p>Cursos regionales, reuniones y talleres de la red.</p>"},
    "en": {
        "title": "Events",
        "slug": "events",
        "intro": "<p>The network's regional courses, meetings and workshops.</p>",
    },
}

PROGRAMME = [
    ("09:00", "Inauguración y objetivos del curso", "Fiscalía General de Costa Rica; UNODC"),
    (
        "10:00",
        "Asistencia judicial recíproca: de la solicitud informal a la formal",
        "Autoridades centrales de la región",
    ),
    ("14:00", "Equipos conjuntos de investigación: caso simulado", "Fiscales de México, Guatemala y Costa Rica"),
]

# (slug es, slug en, title es, title en, kind, days from today to the start, length in days, city, country)
EVENTS = [
    (
        "segundo-curso-regional-trata",
        "second-regional-course-trafficking",
        "Segundo Curso Regional sobre Cooperación Penal Internacional en materia de Trata de Personas",
        "Second Regional Course on International Penal Cooperation on Trafficking in Persons",
        "course",
        -60,
        5,
        "San José",
        "CR",
    ),
    (
        "reunion-directores-capacitacion",
        "training-directors-meeting",
        "Reunión Regional de Directores de Escuelas de Capacitación",
        "Regional Meeting of Training School Directors",
        "meeting",
        -200,
        2,
        "Ciudad de Guatemala",
        "GT",
    ),
    (
        "taller-investigacion-financiera",
        "financial-investigation-workshop",
        "Taller sobre investigación financiera de la trata de personas",
        "Workshop on financial investigation of trafficking in persons",
        "workshop",
        45,
        3,
        "Tegucigalpa",
        "HN",
    ),
    (
        "webinario-pruebas-digitales",
        "digital-evidence-webinar",
        "Webinario: pruebas digitales en solicitudes de asistencia",
        "Webinar: digital evidence in mutual legal assistance requests",
        "webinar",
        20,
        1,
        "",
        "",
    ),
]

PARTICIPANTS = [
    ("participante.cr@enlace.example", "Lucía", "Demo Arias", "CR"),
    ("participante.gt@enlace.example", "Hugo", "Demo Castillo", "GT"),
    ("participante.sv@enlace.example", "Marta", "Demo Flores", "SV"),
    ("participante.pa@enlace.example", "Jorge", "Demo Quintero", "PA"),
]

CONTRIBUTIONS = [
    (
        "participante.cr@enlace.example",
        True,
        "Solicitudes en borrador antes de la solicitud formal",
        {
            "will_apply": "Enviaré un borrador de cada solicitud de asistencia a la autoridad central del otro país "
            "antes de la solicitud formal, como se practicó en el caso simulado.",
            "cooperation_challenges": "Las traducciones llegan tarde y cada país pide formatos distintos.",
            "good_practices_seen": "Una lista de verificación común para solicitudes de información bancaria.",
        },
    ),
    (
        "participante.gt@enlace.example",
        False,
        "Coordinación con la unidad de protección de víctimas",
        {
            "will_apply": "Incluir a la unidad de protección desde la primera reunión del equipo de investigación.",
            "case_situation": "En una investigación de trata con fines de explotación laboral, la coordinación "
            "temprana permitió que las víctimas declararan con apoyo psicológico.",
        },
    ),
    (
        "participante.sv@enlace.example",
        True,
        "Contactos directos entre fiscales",
        {
            "will_apply": "Usar el directorio de la red para identificar al fiscal de turno antes de una entrega "
            "vigilada.",
            "suggestions": "Dedicar una sesión del próximo curso a equipos conjuntos de investigación.",
        },
    ),
]


def ensure_indexes(report):
    spanish_locale = Locale.objects.get(language_code="es")
    english_locale = Locale.objects.get(language_code="en")
    spanish = EventIndexPage.objects.filter(locale=spanish_locale).first()
    if spanish is None:
        home = HomePage.objects.get(locale=spanish_locale)
        spanish = home.add_child(instance=EventIndexPage(locale=spanish_locale, **INDEXES["es"]))
        spanish.save_revision().publish()
        report.count(True, "events index (es)")
    english = EventIndexPage.objects.filter(locale=english_locale).first()
    if english is None:
        english = spanish.copy_for_translation(english_locale)
        for field, value in INDEXES["en"].items():
            setattr(english, field, value)
        english.save_revision().publish()
        report.count(True, "events index (en)")
    return spanish, english


def ensure_event(report, spanish_index, english_locale, row):
    slug_es, slug_en, title_es, title_en, kind, offset, length, city, code = row
    event = EventPage.objects.filter(slug=slug_es, locale__language_code="es").first()
    if event is None:
        start = timezone.localdate() + datetime.timedelta(days=offset)
        event = EventPage(
            title=title_es,
            slug=slug_es,
            kind=kind,
            start_date=start,
            end_date=start + datetime.timedelta(days=length - 1),
            city=city,
            country=Country.objects.filter(code=code).first() if code else None,
            online=not city,
            summary=f"{title_es}. Evento de la red Enlace (datos de demostración).",
            description="<p>Organizado por las escuelas de capacitación de los ministerios públicos de la región.</p>",
            programme=[
                ("session", {"day": start, "start_time": time, "title": title, "speakers": speakers})
                for time, title, speakers in PROGRAMME
            ]
            if kind == "course"
            else [],
        )
        spanish_index.add_child(instance=event)
        event.save_revision().publish()
        report.count(True, f"event {slug_es}")
    if not EventPage.objects.filter(translation_key=event.translation_key, locale=english_locale).exists():
        english = event.copy_for_translation(english_locale)
        english.title, english.slug = title_en, slug_en
        english.summary = f"{title_en}. An Enlace network event (demo data)."
        english.save_revision().publish()
        report.count(True, f"event {slug_en}")
    return event


def ensure_participant(email, first, last, code):
    membership = MembershipFactory(
        vetted=True,
        user__email=email,
        user__first_name=first,
        user__last_name=last,
        country=Country.objects.get(code=code),
    )
    if not has_mfa(membership.user):
        activate_totp(membership.user, demo_secret(email))
    return membership.user


def publish_contribution(report, event, author, credit, title, answers):
    if Contribution.objects.filter(event=event, author=author).exists():
        return
    contribution = Contribution.objects.create(
        event=event,
        author=author,
        title=title,
        credit_me=credit,
        visibility="members",
        language="es",
        status=ContributionStatus.SUBMITTED,
        submitted_at=timezone.now(),
        confirmation_sent_at=timezone.now(),
        **answers,
    )
    contribution.countries.set(Country.objects.filter(code__in=["CR", "GT", "MX"]))
    page = build_experience(contribution)
    page.save_revision(user=author).publish()
    contribution.experience = page
    contribution.status = ContributionStatus.PUBLISHED
    contribution.save()
    report.count(True, f"published contribution “{title}”")


@transaction.atomic
def seed(report, **options):
    spanish_index, english_index = ensure_indexes(report)
    events = [ensure_event(report, spanish_index, english_index.locale, row) for row in EVENTS]
    course, meeting = events[0], events[1]
    people = [ensure_participant(*row) for row in PARTICIPANTS]
    people += list(User.objects.filter(email__in=["member@enlace.example", "editor@enlace.example"]))
    added = sum(register(course, person)[1] for person in people)
    added += sum(register(meeting, person)[1] for person in people[:2])
    report.add(added, "event participants")
    # Followed-up already: the demo should not e-mail its fictional participants when the command runs.
    course.participations.filter(followup_sent_at=None).update(followup_sent_at=timezone.now())
    meeting.participations.filter(followup_sent_at=None).update(followup_sent_at=timezone.now())
    by_email = {person.email: person for person in people}
    for email, credit, title, answers in CONTRIBUTIONS:
        publish_contribution(report, course, by_email[email], credit, title, answers)
    for email, _first, _last, _code in PARTICIPANTS:
        report.account("Event participant", email, f"{DEFAULT_PASSWORD}  TOTP {demo_secret(email)}")
