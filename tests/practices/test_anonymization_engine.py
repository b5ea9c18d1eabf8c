"""The anonymization engine: what it finds, what it leaves alone, and how well and fast it does it."""

import time
from pathlib import Path

import pytest

from practices.anonymization import (
    ADDRESS,
    ALIAS,
    BANK_ACCOUNT,
    CARD_NUMBER,
    CASE_NUMBER,
    DATE_OF_BIRTH,
    EMAIL,
    KIND_LABELS,
    KINDS,
    MEMBER_NAME,
    MINOR_INITIALS,
    NATIONAL_ID,
    PASSPORT,
    PERSON_NAME,
    PHONE_NUMBER,
    SOCIAL_HANDLE,
    VEHICLE_PLATE,
    Finding,
    detect_language,
    scan,
)
from practices.anonymization.evaluation import evaluate, load_examples
from practices.anonymization.findings import merge_overlapping

EVALUATION_SET = Path(__file__).parent / "anonymization_eval.jsonl"


def found(text: str, **kwargs) -> set[tuple[str, str]]:
    return {(f.kind, f.text) for f in scan(text, **kwargs)}


# ---------------------------------------------------------------- the API


def test_findings_are_frozen_and_carry_their_span():
    text = "La víctima, Rosa Quintanilla, declaró."
    (finding,) = scan(text)

    assert finding == Finding(PERSON_NAME, 12, 28, "Rosa Quintanilla", finding.score)
    assert text[finding.start : finding.end] == finding.text
    assert 0 < finding.score <= 1
    with pytest.raises(AttributeError):
        finding.kind = EMAIL


def test_every_kind_has_a_human_label():
    assert set(KINDS) == set(KIND_LABELS)
    assert all(str(label) for label in KIND_LABELS.values())


def test_detects_spanish_and_english():
    assert detect_language("La víctima declaró ante el juez que fue trasladada a la frontera.") == "es"
    assert detect_language("The victim told the judge that she was taken to the border.") == "en"


def test_rejects_unknown_language():
    with pytest.raises(ValueError):
        scan("Hola", language="fr")


def test_overlapping_findings_keep_the_highest_score():
    merged = merge_overlapping(
        [Finding(PERSON_NAME, 0, 10, "x", 0.6), Finding(ADDRESS, 5, 20, "y", 0.9), Finding(EMAIL, 30, 40, "z", 0.5)]
    )

    assert [f.kind for f in merged] == [ADDRESS, EMAIL]


# ---------------------------------------------------------------- names, aliases, initials


def test_finds_names_after_roles_and_honorifics():
    assert (PERSON_NAME, "Héctor Barrera Solís") in found("El imputado Héctor Barrera Solís fue detenido.")
    assert (PERSON_NAME, "Paul Whitaker") in found("Detective Sergeant Paul Whitaker interviewed the driver.")
    assert (PERSON_NAME, "Gabriela Orozco") in found("Según la Lic. Gabriela Orozco, la red operaba desde 2016.")


def test_finds_names_without_cues_from_the_gazetteers():
    assert found("Karla Ivette Sandoval trabajaba como reclutadora en Huehuetenango.") == {
        (PERSON_NAME, "Karla Ivette Sandoval")
    }


def test_finds_aliases():
    assert (ALIAS, "El Chino") in found("El líder, alias «El Chino», coordinaba los traslados.")
    assert (ALIAS, "Flaco") in found("The ringleader, known as 'Flaco', recruited teenagers.")
    assert (ALIAS, "El Flaco") in found("Uno de los custodios, apodado 'El Flaco', vigilaba la casa.")


def test_finds_initials_of_minors():
    assert (MINOR_INITIALS, "J.M.R.") in found("La menor J.M.R., de 15 años, fue rescatada.")


def test_finds_names_of_directory_members_whatever_their_accents_and_case():
    text = "Credit goes to lucia ferrandiz and Tomás Ibarguen."

    assert found(text, known_names=["Lucía Ferrandiz", "Tomás Ibarguen"]) == {
        (MEMBER_NAME, "lucia ferrandiz"),
        (MEMBER_NAME, "Tomás Ibarguen"),
    }


# ---------------------------------------------------------------- contact details


@pytest.mark.parametrize(
    "phone",
    ["+52 962 145 3378", "+502 4123 8876", "+501 622-1234", "+507 6123-4567", "+57 310 456 7890", "+1 (713) 555-0187"],
)
def test_finds_phone_numbers_with_country_code(phone):
    assert (PHONE_NUMBER, phone) in found(f"The suspect used {phone} to arrange the crossings.")


@pytest.mark.parametrize("phone", ["5555-1234", "55 3214 7788", "9621453378"])
def test_finds_local_phone_numbers(phone):
    assert (PHONE_NUMBER, phone) in found(f"Las víctimas debían reportarse cada noche al {phone}.")


def test_finds_emails_and_social_media_handles():
    assert found("Escribía desde r.barrera@hotmail.com y el perfil @el_chino_502.") == {
        (EMAIL, "r.barrera@hotmail.com"),
        (SOCIAL_HANDLE, "@el_chino_502"),
    }
    assert (SOCIAL_HANDLE, "facebook.com/andres.lopez.empleos") in found(
        "Lo conoció en facebook.com/andres.lopez.empleos."
    )


# ---------------------------------------------------------------- identity documents and numbers


def test_finds_curp_with_valid_checksum():
    (finding,) = scan("Consta la CURP HERM850312HCSRMR04 de la persona detenida.")

    assert (finding.kind, finding.text) == (NATIONAL_ID, "HERM850312HCSRMR04")
    assert finding.score > 0.95


def test_curp_with_wrong_checksum_scores_lower():
    (finding,) = scan("Consta la CURP HERM850312HCSRMR09 de la persona detenida.")

    assert finding.kind == NATIONAL_ID
    assert finding.score < 0.9


@pytest.mark.parametrize(
    "sentence, number",
    [
        ("Se identificó con el DPI 2456 78905 0101.", "2456 78905 0101"),
        ("Firmó un hombre con DUI 04567890-3.", "04567890-3"),
        ("Portaba la tarjeta de identidad 0801-1990-12345.", "0801-1990-12345"),
        ("Presentó su cédula de identidad 1-0234-0567.", "1-0234-0567"),
        ("La cédula nicaragüense 001-150590-0012G era de otra persona.", "001-150590-0012G"),
        ("Portaba la cédula panameña 8-123-4567.", "8-123-4567"),
        ("El RFC LOPA920715K70 aparecía como socio.", "LOPA920715K70"),
    ],
)
def test_finds_central_american_identity_numbers(sentence, number):
    assert (NATIONAL_ID, number) in found(sentence)


def test_dpi_without_cue_needs_a_valid_check_digit():
    assert (NATIONAL_ID, "2456789050101") in found("El número 2456789050101 aparece en el contrato.")
    assert not any(kind == NATIONAL_ID for kind, _ in found("El número 2456789060101 aparece en el contrato."))


def test_finds_passports_plates_and_dates_of_birth_after_cues():
    assert (PASSPORT, "G12345678") in found("Se encontró el pasaporte mexicano G12345678.")
    assert (VEHICLE_PLATE, "P-123ABC") in found("El vehículo, con placas P-123ABC, fue interceptado.")
    assert (DATE_OF_BIRTH, "3 de mayo de 1998") in found("La víctima, nacida el 3 de mayo de 1998, tenía 17 años.")
    assert (DATE_OF_BIRTH, "12/04/2001") in found("The defendant, born on 12/04/2001, was a minor.")


def test_does_not_flag_dates_that_are_not_births():
    assert found("El 3 de mayo de 2019 se realizó la audiencia.") == set()


def test_finds_bank_accounts_with_checksums_and_cards_with_luhn():
    assert (BANK_ACCOUNT, "012180001234567899") in found("Depositaban en la CLABE 012180001234567899.")
    assert (BANK_ACCOUNT, "GT82 TRAJ 0102 0000 0012 1002 9690") in found(
        "Transferencias a GT82 TRAJ 0102 0000 0012 1002 9690."
    )
    assert (CARD_NUMBER, "4152 3131 2345 6787") in found("Pagó con la tarjeta 4152 3131 2345 6787.")
    assert not any(kind == CARD_NUMBER for kind, _ in found("Pagó con el número 4152 3131 2345 6788."))


@pytest.mark.parametrize(
    "sentence, number",
    [
        ("El caso se tramitó en la causa penal 45/2018-III.", "45/2018-III"),
        ("La carpeta de investigación FED/SEIDO/UEITMPO/0012/2019 reúne todo.", "FED/SEIDO/UEITMPO/0012/2019"),
        ("El expediente 123/2019 fue remitido.", "123/2019"),
        ("The indictment in Case No. CR-2017-00456 charged five.", "CR-2017-00456"),
    ],
)
def test_finds_court_and_investigation_file_numbers(sentence, number):
    assert (CASE_NUMBER, number) in found(sentence)


def test_finds_addresses_in_regional_forms():
    assert (ADDRESS, "4a avenida 3-25 zona 1") in found("Retenidas en 4a avenida 3-25 zona 1, en la capital.")
    assert (ADDRESS, "calle 5 # 12-34") in found("La casa estaba en la calle 5 # 12-34 del barrio.")
    assert (ADDRESS, "123 Main Street") in found("The safe house was at 123 Main Street in Houston.")


# ---------------------------------------------------------------- what case studies legitimately contain


@pytest.mark.parametrize(
    "sentence",
    [
        "La Fiscalía General de la República y la Policía Nacional Civil firmaron un memorando.",
        "INTERPOL, UNODC y el Ministerio Público coordinaron el operativo.",
        "The Federal Bureau of Investigation and Homeland Security Investigations opened a joint case.",
    ],
)
def test_does_not_flag_institution_names(sentence):
    assert found(sentence) == set()


def test_does_not_flag_places():
    assert found("La red operaba entre Tapachula, San José, Petén y Ciudad Juárez.") == set()
    assert found("The victims were taken to Puerto Barrios and then to San Pedro Sula.") == set()


def test_does_not_flag_laws_years_durations_amounts_or_counts():
    assert found("El Decreto 9-2009 y el artículo 202 Ter del Código Penal se aplicaron en 2019.") == set()
    assert found("Durante 18 meses la red ganó USD 15,000 y $250.000 pesos con 12 víctimas.") == set()
    assert found("La Ley 8720 de Costa Rica protege a víctimas y testigos.") == set()


def test_does_not_flag_pseudonyms():
    assert found("La Víctima A y la Testigo B declararon contra D1; V1 no compareció.") == set()
    assert found("Victim A and Witness B testified against defendant D2.") == set()


def test_does_not_flag_course_and_event_names():
    assert found("El Segundo Curso Regional sobre Cooperación Penal Internacional se celebró en Panamá.") == set()


# ---------------------------------------------------------------- quality and speed


def test_recall_and_precision_meet_targets_on_evaluation_set():
    examples = load_examples(EVALUATION_SET)
    scores = evaluate(examples)

    assert len(examples) >= 160
    assert scores.recall() >= 0.97, "\n".join(scores.errors)
    assert scores.precision() >= 0.90, "\n".join(scores.errors)


def test_evaluation_set_covers_every_kind_and_has_sentences_without_personal_data():
    examples = load_examples(EVALUATION_SET)
    kinds = [entity.kind for example in examples for entity in example.entities]

    assert all(kinds.count(kind) >= 3 for kind in KINDS)
    assert sum(1 for example in examples if not example.entities) >= 55
    assert {example.language for example in examples} == {"es", "en"}


def test_scans_a_5000_word_case_study_in_under_a_second():
    sentences = [example.text for example in load_examples(EVALUATION_SET)]
    text = " ".join(sentences * 4)
    words = text.split()
    text = " ".join(words[:5000])
    scan(text)  # warm up the gazetteers

    started = time.perf_counter()
    scan(text)

    assert time.perf_counter() - started < 1.0


def test_finds_later_mentions_of_a_name_found_in_full():
    text = "Special Agent Laura McKenzie testified that Dennis Arturo Mejía used two phones. Mejía denied it."

    assert [(f.kind, f.text) for f in scan(text)] == [
        (PERSON_NAME, "Laura McKenzie"),
        (PERSON_NAME, "Dennis Arturo Mejía"),
        (PERSON_NAME, "Mejía"),
    ]


def test_does_not_flag_case_file_pseudonyms():
    assert found("The victims, referred to as Jane Doe 1 and Jane Doe 2, testified.") == set()
