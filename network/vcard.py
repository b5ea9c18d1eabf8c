"""A member's contact details as a vCard 3.0 (RFC 2426), the format every address book and phone imports."""


def escape(value):
    return (
        str(value or "").replace("\\", "\\\\").replace(";", "\\;").replace(",", "\\,").replace("\r\n", "\\n")
    ).replace("\n", "\\n")


def vcard(membership):
    """The vCard text of a directory entry (name, institution, position, official phone and e-mail)."""
    user = membership.user
    institution = membership.institution
    lines = [
        "BEGIN:VCARD",
        "VERSION:3.0",
        f"N:{escape(user.last_name)};{escape(user.first_name)};;;",
        f"FN:{escape(user.get_full_name() or user.email)}",
    ]
    if institution is not None:
        lines.append(f"ORG:{escape(institution.name)}")
    if membership.position:
        lines.append(f"TITLE:{escape(membership.position)}")
    if membership.phone:
        lines.append(f"TEL;TYPE=WORK,VOICE:{escape(membership.phone)}")
    lines.append(f"EMAIL;TYPE=INTERNET,WORK:{escape(user.email)}")
    if membership.country_id:
        lines.append(f"ADR;TYPE=WORK:;;;;;;{escape(membership.country.name)}")
    lines.append("END:VCARD")
    return "\r\n".join(lines) + "\r\n"
