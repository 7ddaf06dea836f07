"""One-time codes: six digits, and a hash bound to user, number and type."""

from __future__ import annotations

from uuid import uuid4

from graphql_api.security import otp

SECRET = b"server secret"


def test_codes_are_six_digits() -> None:
    codes = {otp.new_code() for _ in range(200)}
    assert all(otp.is_well_formed(code) for code in codes)
    assert len(codes) > 150


def test_a_code_matches_only_for_its_user_number_and_type() -> None:
    user, phone, code = uuid4(), "+12125550123", "012345"
    stored = otp.code_hash(SECRET, user, phone, "phone", code)
    assert code not in stored
    assert otp.code_matches(stored, SECRET, user, phone, "phone", code)
    assert not otp.code_matches(stored, SECRET, uuid4(), phone, "phone", code)
    assert not otp.code_matches(stored, SECRET, user, "+12125550124", "phone", code)
    assert not otp.code_matches(stored, SECRET, user, phone, "email", code)
    assert not otp.code_matches(stored, b"other secret", user, phone, "phone", code)
