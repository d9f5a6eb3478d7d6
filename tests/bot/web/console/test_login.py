"""Signing in and out: sessions, cookies, the generic failure and the brake on guessing."""

from datetime import timedelta

from argon2 import PasswordHasher
from sqlalchemy import update

from bot.web.console.accounts import StaffAccountRecord
from bot.web.console.app import GENERIC_LOGIN_FAILURE, SESSION_COOKIE
from tests.bot.web.console.conftest import PASSWORD, USERNAME, csrf_token, sign_in


async def test_the_right_password_signs_in_with_a_strict_httponly_cookie(client, staff):
    response = await sign_in(client)
    assert response.status == 303
    assert response.headers["Location"] == "/staff/"
    cookie = response.cookies[SESSION_COOKIE]
    assert cookie["httponly"] and cookie["samesite"] == "Strict" and cookie["path"] == "/staff"
    assert not cookie["secure"]
    page = await client.get("/staff/")
    assert page.status == 200
    assert f"Signed in as {USERNAME}" in await page.text()


async def test_the_cookie_is_secure_when_configured(client, staff, monkeypatch):
    form = await client.get("/staff/login")
    token = csrf_token(await form.text())
    monkeypatch.setenv("CONSOLE_SECURE_COOKIE", "1")
    response = await client.post(
        "/staff/login", allow_redirects=False, data={"csrf_token": token, "username": USERNAME, "password": PASSWORD}
    )
    assert response.status == 303
    assert response.cookies[SESSION_COOKIE]["secure"]


async def test_a_wrong_password_and_an_unknown_user_get_the_same_answer_and_the_same_work(client, staff, monkeypatch):
    checks = []
    real_verify = PasswordHasher.verify

    def counting_verify(self, hash, password):
        checks.append(hash)
        return real_verify(self, hash, password)

    monkeypatch.setattr(PasswordHasher, "verify", counting_verify)
    wrong = await sign_in(client, password="not the password at all")
    unknown = await sign_in(client, username="mallory", password="not the password at all")
    assert wrong.status == unknown.status == 401
    for response in (wrong, unknown):
        text = await response.text()
        assert GENERIC_LOGIN_FAILURE in text
        assert SESSION_COOKIE not in response.cookies
        assert "not the password" not in text
    # One argon2 check each: the unknown name was checked against a dummy hash.
    assert len(checks) == 2 and all(hash.startswith("$argon2id$") for hash in checks)


async def test_the_sixth_failure_for_a_username_is_429_even_with_the_right_password(client, staff):
    for _ in range(5):
        assert (await sign_in(client, password="wrong password here")).status == 401
    blocked = await sign_in(client)
    assert blocked.status == 429
    assert "Too many failed sign-in attempts" in await blocked.text()
    assert blocked.headers["Retry-After"] == "900" and "15 minutes" in await blocked.text()
    assert SESSION_COOKIE not in blocked.cookies


async def test_twenty_failures_from_one_client_hold_back_every_username_from_it(client, staff):
    for n in range(20):
        assert (await sign_in(client, username=f"name{n}", password="wrong password here")).status == 401
    assert (await sign_in(client)).status == 429


async def test_the_block_lifts_after_15_minutes(client, staff, clock):
    for _ in range(5):
        await sign_in(client, password="wrong password here")
    assert (await sign_in(client)).status == 429
    clock.advance(minutes=15)
    assert (await sign_in(client)).status == 303


async def test_a_sign_in_without_the_forms_token_is_refused(client, staff):
    response = await client.post(
        "/staff/login", data={"username": USERNAME, "password": PASSWORD}, allow_redirects=False
    )
    assert response.status == 403
    assert SESSION_COOKIE not in response.cookies
    await client.get("/staff/login")  # has the cookie now, but still no token
    forged = await client.post(
        "/staff/login", allow_redirects=False, data={"csrf_token": "0" * 64, "username": USERNAME, "password": PASSWORD}
    )
    assert forged.status == 403


async def test_signing_out_ends_the_session_on_the_server(signed_in):
    client = signed_in.client
    old_cookie = client.session.cookie_jar.filter_cookies(client.make_url("/staff/"))[SESSION_COOKIE].value
    response = await signed_in.post("/staff/logout")
    assert response.status == 303 and response.headers["Location"] == "/staff/login"
    again = await client.get("/staff/", cookies={SESSION_COOKIE: old_cookie}, allow_redirects=False)
    assert again.status == 303 and again.headers["Location"] == "/staff/login"


async def test_a_session_idle_for_8_hours_expires(signed_in, clock):
    clock.advance(hours=7, minutes=59)
    assert (await signed_in.client.get("/staff/", allow_redirects=False)).status == 200
    clock.advance(hours=8, minutes=1)
    response = await signed_in.client.get("/staff/", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"


async def test_a_signed_in_browser_is_sent_from_the_sign_in_page_to_the_cases(signed_in):
    response = await signed_in.client.get("/staff/login", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/"


async def test_each_sign_in_gets_a_new_session_id(client, staff):
    first = (await sign_in(client)).cookies[SESSION_COOKIE].value
    client.session.cookie_jar.clear()
    second = (await sign_in(client)).cookies[SESSION_COOKIE].value
    assert first != second


async def test_a_disabled_account_cannot_sign_in_and_its_session_ends(signed_in, desk):
    with desk.cases.engine.begin() as connection:
        connection.execute(update(StaffAccountRecord).values(disabled=True))
    response = await signed_in.client.get("/staff/", allow_redirects=False)
    assert response.status == 303
    failed = await sign_in(signed_in.client)
    assert failed.status == 401 and GENERIC_LOGIN_FAILURE in await failed.text()


async def test_the_sign_in_page_is_accessible_and_keeps_no_password(client, staff):
    page = await (await client.get("/staff/login")).text()
    assert '<label for="username">' in page and '<label for="password">' in page
    assert 'href="#main"' in page and '<main id="main"' in page
    failed = await (await sign_in(client, password="wrong password here")).text()
    assert "wrong password here" not in failed
    assert f'value="{USERNAME}"' in failed
    assert csrf_token(failed)


async def test_each_failure_after_a_pause_doubles_the_next_one(client, staff, clock):
    for _ in range(5):
        await sign_in(client, password="wrong password here")
    clock.advance(minutes=15)
    assert (await sign_in(client, password="still the wrong one")).status == 401
    blocked = await sign_in(client)
    assert blocked.status == 429 and blocked.headers["Retry-After"] == "1800"
    clock.advance(minutes=30)
    assert (await sign_in(client)).status == 303


async def test_a_session_in_constant_use_still_ends_12_hours_after_sign_in(signed_in, clock):
    for _ in range(11):
        clock.advance(hours=1)
        assert (await signed_in.client.get("/staff/", allow_redirects=False)).status == 200
    clock.advance(hours=1, minutes=1)
    response = await signed_in.client.get("/staff/", allow_redirects=False)
    assert response.status == 303 and response.headers["Location"] == "/staff/login"


async def test_a_password_reset_ends_the_sessions_signed_in_with_the_old_one(signed_in, desk, clock):
    from bot.web.console.accounts import StaffAccounts

    StaffAccounts(desk.cases.engine).reset_password(
        "alice", "a brand new passphrase", at=clock() + timedelta(seconds=1)
    )
    response = await signed_in.client.get("/staff/", allow_redirects=False)
    assert response.status == 303
