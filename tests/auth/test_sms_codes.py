"""SMS codes (auth/operations.py): 6 digits from secrets, 5 minutes, single use, bound to
number + purpose + browser flow, stored as an HMAC, 5 wrong tries kill the code, resend
after 60 s, 5 per hour and 10 per day per number; two concurrent verifications: one wins."""

from __future__ import annotations

import datetime as dt
import threading

import pytest
from sqlalchemy import select
from sqlalchemy.exc import OperationalError

from auth import operations
from auth.errors import CodeInvalid, CodeRefused
from auth.models import SmsCode
from core.db import db, utcnow

PHONE = "+8613800138000"
FLOW = "flow-aaaaaaaaaaaaaaaaaaaaaaaa"


def test_issue_code_is_six_digits_and_only_its_hmac_is_stored():
    issued = operations.issue_code(PHONE, "sign_in", FLOW)
    assert len(issued.code) == 6 and issued.code.isdigit()
    row = db.session.get(SmsCode, issued.id)
    assert issued.code not in row.code_hmac and len(row.code_hmac) == 64
    assert PHONE not in row.phone_index
    assert row.expires_dt - row.created_dt == dt.timedelta(minutes=5)


def test_codes_vary():
    codes = set()
    for i in range(6):
        codes.add(operations.issue_code(f"+861380013800{i}", "sign_in", FLOW).code)
    assert len(codes) > 1


def test_verify_code_accepts_the_right_code_once():
    issued = operations.issue_code(PHONE, "sign_in", FLOW)
    operations.verify_code(PHONE, "sign_in", FLOW, issued.code)
    with pytest.raises(CodeInvalid) as info:
        operations.verify_code(PHONE, "sign_in", FLOW, issued.code)
    assert info.value.reason == "none"


@pytest.mark.parametrize(("phone", "purpose", "flow"), [
    ("+8613900139000", "sign_in", FLOW),       # another number
    (PHONE, "bind", FLOW),                     # another purpose
    (PHONE, "sign_in", "another-browser-flow-id"),  # another browser
])
def test_code_is_bound_to_number_purpose_and_flow(phone, purpose, flow):
    issued = operations.issue_code(PHONE, "sign_in", FLOW)
    if phone != PHONE:  # the other number has a live code of its own
        operations.issue_code(phone, purpose, flow)
    with pytest.raises(CodeInvalid):
        operations.verify_code(phone, purpose, flow, issued.code)


def test_code_expires_after_five_minutes():
    start = utcnow()
    issued = operations.issue_code(PHONE, "sign_in", FLOW, now=start)
    with pytest.raises(CodeInvalid) as info:
        operations.verify_code(PHONE, "sign_in", FLOW, issued.code, now=start + dt.timedelta(minutes=5, seconds=1))
    assert info.value.reason == "expired"
    operations.verify_code(PHONE, "sign_in", FLOW, issued.code, now=start + dt.timedelta(minutes=4, seconds=59))


def test_five_wrong_codes_kill_the_code():
    issued = operations.issue_code(PHONE, "sign_in", FLOW)
    wrong = "000000" if issued.code != "000000" else "111111"
    left = []
    for _ in range(5):
        with pytest.raises(CodeInvalid) as info:
            operations.verify_code(PHONE, "sign_in", FLOW, wrong)
        left.append((info.value.reason, info.value.attempts_left))
    assert left[0] == ("wrong", 4) and left[-1] == ("dead", 0)
    with pytest.raises(CodeInvalid):  # even the right code is refused now
        operations.verify_code(PHONE, "sign_in", FLOW, issued.code)


@pytest.mark.parametrize("garbage", ["", "12345", "1234567", "abcdef", "12 34 5x", "１２３４５６"])
def test_malformed_codes_are_wrong_codes(garbage):
    operations.issue_code(PHONE, "sign_in", FLOW)
    with pytest.raises(CodeInvalid) as info:
        operations.verify_code(PHONE, "sign_in", FLOW, garbage)
    assert info.value.reason == "wrong"


def test_resend_waits_60_seconds_and_replaces_the_previous_code():
    start = utcnow()
    first = operations.issue_code(PHONE, "sign_in", FLOW, now=start)
    with pytest.raises(CodeRefused) as info:
        operations.issue_code(PHONE, "sign_in", FLOW, now=start + dt.timedelta(seconds=59))
    assert info.value.reason == "cooldown" and info.value.retry_after == 1
    second = operations.issue_code(PHONE, "sign_in", FLOW, now=start + dt.timedelta(seconds=61))
    later = start + dt.timedelta(seconds=62)
    if first.code != second.code:
        with pytest.raises(CodeInvalid):
            operations.verify_code(PHONE, "sign_in", FLOW, first.code, now=later)
    operations.verify_code(PHONE, "sign_in", FLOW, second.code, now=later)


def test_at_most_five_codes_per_hour_and_ten_per_day_per_number():
    start = utcnow()
    for i in range(5):
        operations.issue_code(PHONE, "sign_in", FLOW, now=start + dt.timedelta(minutes=2 * i))
    with pytest.raises(CodeRefused) as info:
        operations.issue_code(PHONE, "sign_in", FLOW, now=start + dt.timedelta(minutes=12))
    assert info.value.reason == "hourly"
    for i in range(5):
        operations.issue_code(PHONE, "bind", FLOW, now=start + dt.timedelta(hours=2, minutes=2 * i))
    with pytest.raises(CodeRefused) as info:
        operations.issue_code(PHONE, "sign_in", FLOW, now=start + dt.timedelta(hours=5))
    assert info.value.reason == "daily"
    operations.issue_code(PHONE, "sign_in", FLOW, now=start + dt.timedelta(hours=24, minutes=1))
    # another number is not affected
    operations.issue_code("+8613900139000", "sign_in", FLOW, now=start + dt.timedelta(hours=5))


def test_limits_count_one_number_in_all_its_written_forms():
    from auth.phones import normalize

    start = utcnow()
    operations.issue_code(normalize("138 0013 8000"), "sign_in", FLOW, now=start)
    with pytest.raises(CodeRefused):
        operations.issue_code(normalize("008613800138000"), "sign_in", FLOW, now=start + dt.timedelta(seconds=5))


def test_purge_removes_day_old_codes_only():
    old = operations.issue_code(PHONE, "sign_in", FLOW, now=utcnow() - dt.timedelta(days=2))
    new = operations.issue_code("+8613900139000", "sign_in", FLOW)
    assert operations.purge_sms_codes() == 1
    assert db.session.get(SmsCode, old.id) is None and db.session.get(SmsCode, new.id) is not None


def test_two_concurrent_verifications_of_one_code_only_one_succeeds(app, committed_db, monkeypatch):
    """Both read the live code; the second one's conditional UPDATE finds it used."""
    issued = operations.issue_code(PHONE, "sign_in", FLOW)
    db.session.commit()
    db.session.remove()
    outcomes: list[str] = []
    original = operations.hmac.compare_digest
    raced = threading.Event()

    def verify_in_other_request() -> None:
        with app.app_context():
            try:
                operations.verify_code(PHONE, "sign_in", FLOW, issued.code)
                db.session.commit()
                outcomes.append("ok")
            except CodeInvalid as exc:
                outcomes.append(exc.reason)
            finally:
                db.session.remove()

    def compare_then_let_the_other_win(a, b):
        result = original(a, b)
        if not raced.is_set():
            raced.set()
            worker = threading.Thread(target=verify_in_other_request)
            worker.start()
            worker.join()
        return result

    monkeypatch.setattr(operations.hmac, "compare_digest", compare_then_let_the_other_win)
    with app.app_context():
        try:
            operations.verify_code(PHONE, "sign_in", FLOW, issued.code)
            db.session.commit()
            outcomes.append("ok")
        except CodeInvalid as exc:
            outcomes.append(exc.reason)
        except OperationalError:  # SQLite: the stale read snapshot cannot write (no second success)
            assert db.engine.dialect.name == "sqlite"
            outcomes.append("locked")
        finally:
            db.session.rollback()
            db.session.remove()
    assert outcomes.count("ok") == 1, outcomes
    assert outcomes[0] == "ok"  # the other request won the race
    used = db.session.scalars(select(SmsCode.used_dt)).all()
    assert len(used) == 1 and used[0] is not None


# --- guardian codes: a minor's guardian consents -----------------------------------------------

GUARDIAN_PHONE = "+8613700137000"


def _candidate_with_phone(e164: str = "+8613600136000"):
    return operations.create_candidate(channel="sms", policy_version="2026-12-01", phone=e164)


def test_guardian_code_is_bound_to_the_guardian_number_the_candidate_and_the_flow():
    minor = _candidate_with_phone()
    other = _candidate_with_phone("+8613600136001")
    issued = operations.issue_guardian_code(GUARDIAN_PHONE, minor, FLOW)
    row = db.session.get(SmsCode, issued.id)
    assert row.purpose == "guardian" and row.phone_index == operations.phone_index(GUARDIAN_PHONE)
    for phone, candidate, flow in [(GUARDIAN_PHONE, other, FLOW),              # another candidate
                                   (GUARDIAN_PHONE, minor, "another-browser-flow"),  # another browser
                                   ("+8613700137001", minor, FLOW)]:             # another number
        with pytest.raises(CodeInvalid):
            operations.verify_guardian_code(phone, candidate, flow, issued.code)
    # Nor does it serve as a code of another purpose (not even with the same flow string).
    with pytest.raises(CodeInvalid):
        operations.verify_code(GUARDIAN_PHONE, "bind", f"guardian:{minor.id}:{FLOW}", issued.code)
    operations.verify_guardian_code(GUARDIAN_PHONE, minor, FLOW, issued.code)
    with pytest.raises(CodeInvalid) as info:  # single use
        operations.verify_guardian_code(GUARDIAN_PHONE, minor, FLOW, issued.code)
    assert info.value.reason == "none"


def test_guardian_code_refuses_the_candidates_own_number():
    from auth.errors import GuardianNumberRefused

    minor = _candidate_with_phone()
    with pytest.raises(GuardianNumberRefused):
        operations.issue_guardian_code("+8613600136000", minor, FLOW)
    assert db.session.scalar(select(SmsCode.id).where(SmsCode.purpose == "guardian")) is None


def test_guardian_code_is_for_candidates_only(create_user):
    from auth.errors import NotACandidate

    with pytest.raises(NotACandidate):
        operations.issue_guardian_code(GUARDIAN_PHONE, create_user(role="recruiter"), FLOW)


def test_guardian_code_has_the_limits_of_every_code():
    minor = _candidate_with_phone()
    start = utcnow()
    issued = operations.issue_guardian_code(GUARDIAN_PHONE, minor, FLOW, now=start)
    with pytest.raises(CodeRefused) as info:  # 60 s cooldown, also against another purpose's code
        operations.issue_code(GUARDIAN_PHONE, "sign_in", FLOW, now=start + dt.timedelta(seconds=30))
    assert info.value.reason == "cooldown"
    with pytest.raises(CodeInvalid) as info:  # 5 minutes
        operations.verify_guardian_code(GUARDIAN_PHONE, minor, FLOW, issued.code,
                                        now=start + dt.timedelta(minutes=5, seconds=1))
    assert info.value.reason == "expired"
    for i in range(1, 5):
        operations.issue_guardian_code(GUARDIAN_PHONE, minor, FLOW, now=start + dt.timedelta(minutes=2 * i))
    with pytest.raises(CodeRefused) as info:  # 5 per hour on the guardian's number
        operations.issue_guardian_code(GUARDIAN_PHONE, minor, FLOW, now=start + dt.timedelta(minutes=12))
    assert info.value.reason == "hourly"
    live = operations.issue_guardian_code(GUARDIAN_PHONE, minor, FLOW, now=start + dt.timedelta(hours=1, minutes=1))
    later = start + dt.timedelta(hours=1, minutes=2)
    for _ in range(4):
        with pytest.raises(CodeInvalid):
            operations.verify_guardian_code(GUARDIAN_PHONE, minor, FLOW, "000000" if live.code != "000000"
                                            else "111111", now=later)
    with pytest.raises(CodeInvalid) as info:  # the fifth wrong try kills it
        operations.verify_guardian_code(GUARDIAN_PHONE, minor, FLOW, "000000" if live.code != "000000"
                                        else "111111", now=later)
    assert info.value.reason == "dead"
    with pytest.raises(CodeInvalid):
        operations.verify_guardian_code(GUARDIAN_PHONE, minor, FLOW, live.code, now=later)


def test_unknown_code_purposes_are_refused():
    with pytest.raises(ValueError):
        operations.issue_code(PHONE, "guardian2", FLOW)
    with pytest.raises(ValueError):
        operations.verify_code(PHONE, "", FLOW, "123456")


def test_the_database_accepts_each_code_purpose_and_no_other():
    from sqlalchemy.exc import IntegrityError

    from auth.models import SMS_PURPOSES

    for i, purpose in enumerate(SMS_PURPOSES):
        db.session.add(SmsCode(phone_index=f"ix{i}", purpose=purpose, flow_id="f", code_hmac="h",
                               expires_dt=utcnow()))
    db.session.flush()
    with pytest.raises(IntegrityError), db.session.begin_nested():
        db.session.add(SmsCode(phone_index="ix-bad", purpose="other", flow_id="f", code_hmac="h",
                               expires_dt=utcnow()))
        db.session.flush()
