"""Security reference 5.M "withdrawal is reachable in two clicks or fewer" (PIPL art. 15):
every page's footer links to the privacy centre, and the centre has the withdraw buttons."""

from __future__ import annotations


def test_withdrawal_is_two_clicks_from_any_page(client, login, make_person):
    person = make_person()
    login(person.user)
    assert 'href="/privacy/"' in client.get("/jobs").get_data(as_text=True)  # click 1
    centre = client.get("/privacy/").get_data(as_text=True)
    assert 'action="/privacy/consents/withdraw"' in centre                   # click 2
    assert 'value="resume_processing"' in centre
