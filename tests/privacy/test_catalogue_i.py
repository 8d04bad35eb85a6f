"""Security reference 5.I "withdrawal": the candidate cancels the account while a
recruiter has the candidate's page open; the recruiter's next request finds nothing."""

from __future__ import annotations

from core.db import db
from privacy.erasure import erase_account


def test_cancelled_account_is_404_on_the_recruiters_next_request(client, login, make_person, create_user):
    staff = create_user(role="recruiter", departments=["engineering"])
    person = make_person()  # applied to an engineering opening
    db.session.commit()
    login(staff)
    assert client.get(f"/recruit/candidates/{person.user.id}").status_code == 200
    user_id = person.user.id
    erase_account(user_id, reason="cancellation")
    db.session.commit()
    assert client.get(f"/recruit/candidates/{user_id}").status_code == 404
