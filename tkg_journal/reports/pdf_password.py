"""A password to open the summary PDF: AES-256 encryption (PDF 2.0, security handler
revision 6), written by fpdf2 (which needs ``cryptography`` for AES).

The user password is the one the coach types to open the file; without it the file is
unreadable. The owner password, which only lifts permissions, is a random secret that
nobody keeps: the permissions are all granted anyway (the coach prints the summary and
copies from it), so there is nothing for it to guard, and reusing the user password there
would only give a second way to find it.

A PDF password is SASLprep-ed (Unicode NFKC, some characters dropped or refused) and cut to
127 bytes before it is used. A password that this would change is refused instead: a PDF
reader that skips the preparation (or a coach who types what they were told) would then
never open the file. No message here quotes the password.
"""

from __future__ import annotations

import secrets

from fpdf import FPDF
from fpdf.encryption import StandardSecurityHandler
from fpdf.enums import AccessPermission, EncryptionMethod
from fpdf.errors import FPDFException

from tkg_journal.domain.errors import DomainError

#: The most of a password a PDF uses (ISO 32000-2, 7.6.4.3.3): the rest would be ignored.
MAX_PASSWORD_BYTES = 127

EMPTY = "the PDF password is empty"
TOO_LONG = (
    f"the PDF password is too long: a PDF uses at most {MAX_PASSWORD_BYTES} bytes of it "
    "(about as many letters); choose a shorter one"
)
UNUSUAL = (
    "the PDF password has a character that PDF readers change or drop (a control, "
    "formatting or unusual space character); choose another"
)


def password_problem(password: str) -> str | None:
    """Why ``password`` cannot lock a PDF (words for the user, never the password itself);
    ``None`` when it can."""
    if not password:
        return EMPTY
    as_typed = password.encode("utf-8", "surrogatepass")
    if len(as_typed) > MAX_PASSWORD_BYTES:
        return TOO_LONG
    try:
        prepared = StandardSecurityHandler.prepare_string(password)
    except FPDFException:  # its message quotes the password: never passed on
        return UNUSUAL
    # A password prepared to nothing (only characters SASLprep drops) would open the file
    # for anyone; one prepared to other bytes would not open it with what was typed.
    return None if prepared == as_typed else UNUSUAL


def lock(pdf: FPDF, password: str) -> None:
    """Encrypt ``pdf`` (before its output) so that it opens only with ``password``.

    Raises:
        DomainError: the password cannot lock a PDF (see :func:`password_problem`).
    """
    problem = password_problem(password)
    if problem is not None:
        raise DomainError(problem)
    pdf.set_encryption(
        owner_password=secrets.token_urlsafe(32),
        user_password=password,
        encryption_method=EncryptionMethod.AES_256,
        permissions=AccessPermission.all(),
        # The title is the only metadata, and it is of a private document all the same.
        encrypt_metadata=True,
    )
