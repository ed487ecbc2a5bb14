"""Every error is answered here, in one place: JSON under /api/, a Swedish page everywhere else."""

from __future__ import annotations

from flask import Flask, current_app, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from index.errors import IndexMissing, SearchIndexError

from .params import BadParameter

MESSAGES = {
    400: ("Felaktig förfrågan", "Adressen innehåller ett värde som inte går att använda."),
    404: ("Sidan finns inte", "Sidan eller mötet du söker finns inte i arkivet. Adressen kan vara felstavad."),
    405: ("Metoden stöds inte", "Den här adressen går bara att öppna, inte att skicka data till."),
    500: ("Något gick fel", "Ett oväntat fel uppstod. Försök igen om en stund."),
    503: ("Arkivet är inte tillgängligt", "Sökindexet kan inte läsas just nu."),
}


def init_app(app: Flask) -> None:
    app.register_error_handler(BadParameter, lambda e: answer(400, f"Ogiltigt värde för {e.name}: {e.message}."))
    app.register_error_handler(HTTPException, http_error)
    app.register_error_handler(SearchIndexError, index_unavailable)
    app.register_error_handler(Exception, unexpected)


def answer(status: int, detail: str | None):
    title, explanation = MESSAGES.get(status, (f"Fel {status}", ""))
    if request.path.startswith("/api/"):
        return jsonify(error=detail or explanation), status
    return render_template("error.html", title=title, explanation=explanation, detail=detail, status=status,
                           error_page=True), status


def http_error(error: HTTPException):
    """Our own abort(404, "…") says what was not found; Werkzeug's English defaults are replaced by MESSAGES.
    The error's own headers stay (Allow on a 405)."""
    own = error.description if error.description != type(error).description else None
    body, status = answer(error.code or 500, own)
    return body, status, [(name, value) for name, value in error.get_headers() if name.lower() != "content-type"]


def index_unavailable(error: SearchIndexError):
    if isinstance(error, IndexMissing):
        return answer(503, "Sökindexet är inte byggt ännu. Kör `arkiv build` (eller starta med `arkiv serve`).")
    return answer(503, str(error))


def unexpected(error: Exception):
    current_app.logger.exception("unexpected error on %s", request.path)
    return answer(500, None)
