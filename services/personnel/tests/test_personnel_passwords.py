"""Password policy and Argon2id hashing."""
import pytest
from personnel.domain import passwords


@pytest.mark.parametrize("password, message", [
    ("pendek1", "Kata sandi minimal 10 karakter."),
    ("hanyahurufsaja", "Kata sandi harus memuat huruf dan angka."),
    ("12345678901", "Kata sandi harus memuat huruf dan angka."),
    ("a1" * 65, "Kata sandi maksimal 128 karakter."),
    (None, "Kata sandi minimal 10 karakter."),
])
def test_policy_messages(password, message):
    assert passwords.password_problem(password) == message


def test_policy_accepts_letters_and_digits_and_rejects_the_username():
    assert passwords.password_problem("situok-demo-2026") is None
    assert passwords.password_problem("Rahasia2026") is None
    assert passwords.password_problem("budi123456", "Budi123456") == (
        "Kata sandi tidak boleh sama dengan nama pengguna.")


def test_argon2id_hash_and_verify():
    digest = passwords.hash_password("Rahasia2026")
    assert digest.startswith("$argon2id$")
    assert passwords.verify_password(digest, "Rahasia2026")
    assert not passwords.verify_password(digest, "rahasia2026")
    assert not passwords.verify_password("not-a-hash", "Rahasia2026")
    assert not passwords.needs_rehash(digest)
    assert passwords.needs_rehash("$argon2id$v=19$m=8,t=1,p=1$c2FsdHNhbHQ$aGFzaGhhc2hoYXNo")


def test_dummy_verify_and_generated_passwords():
    passwords.dummy_verify("whatever")      # must not raise, for any input
    passwords.dummy_verify(None)
    generated = {passwords.generate_password() for _ in range(5)}
    assert len(generated) == 5
    assert all(passwords.password_problem(p) is None and len(p) == 20 for p in generated)
