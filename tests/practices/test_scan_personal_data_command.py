"""The scan_personal_data management command: text on standard input, findings on standard output."""

import io
import json
import re

from django.core.management import call_command

CASE = (
    "La víctima, María Fernanda Castañeda, recibía instrucciones por WhatsApp desde el +52 962 145 3378. "
    "El expediente 123/2019 fue remitido a la Fiscalía General de la República."
)


def run(text: str, *args: str) -> str:
    out = io.StringIO()
    call_command("scan_personal_data", *args, stdin=io.StringIO(text), stdout=out)
    return out.getvalue()


def test_json_output_lists_findings_with_kind_offsets_text_and_score():
    findings = json.loads(run(CASE, "--format", "json"))

    assert [f["kind"] for f in findings] == ["person_name", "phone_number", "case_number"]
    for finding in findings:
        assert set(finding) == {"kind", "start", "end", "text", "score"}
        assert CASE[finding["start"] : finding["end"]] == finding["text"]
    assert findings[1]["text"] == "+52 962 145 3378"


def test_json_output_is_an_empty_list_when_nothing_is_found():
    assert json.loads(run("La Policía Nacional Civil detuvo a 12 personas en Petén en 2019.", "--format", "json")) == []


def test_text_output_has_one_line_per_finding_and_a_final_count():
    lines = run(CASE).strip().splitlines()

    assert len(lines) == 4
    assert lines[0].startswith("person_name\t12-36\tMaría Fernanda Castañeda")
    assert re.search(r"\b3\b", lines[-1])


def test_language_can_be_forced():
    findings = json.loads(run("The witness, Carlos Mendoza, was heard.", "--language", "en", "--format", "json"))

    assert [(f["kind"], f["text"]) for f in findings] == [("person_name", "Carlos Mendoza")]


def test_exits_normally_when_nothing_is_found():
    # call_command raises CommandError / SystemExit on a failing exit status; returning is success.
    assert run("Durante 18 meses, la red operó entre Tapachula y San José.").strip().splitlines()[-1]
