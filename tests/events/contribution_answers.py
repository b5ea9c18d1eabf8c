"""What a participant types into the contribution form, shared by the tests that post it."""

ANSWERS = {
    "title": "Draft requests before formal ones",
    "will_apply": "Send a draft request to the central authority before the formal one.",
    "cooperation_challenges": "Requests translated late.",
    "visibility": "members",
}
