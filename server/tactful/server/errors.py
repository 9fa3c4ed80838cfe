"""Every error is JSON (application/problem+json) with a message a developer understands."""

from __future__ import annotations

from flask import Flask, jsonify
from werkzeug.exceptions import HTTPException

PROBLEM = "application/problem+json"


class ApiError(Exception):
    """Raised by a view to answer `status` with a problem document."""

    def __init__(self, status: int, detail: str, headers: dict | None = None, **extra) -> None:
        super().__init__(detail)
        self.status, self.detail, self.headers, self.extra = status, detail, headers or {}, extra


def problem(status: int, title: str, detail: str, headers: dict | None = None, **extra):
    body = {"type": "about:blank", "title": title, "status": status, "detail": detail, **extra}
    resp = jsonify(body)
    resp.status_code = status
    resp.mimetype = PROBLEM
    for k, v in (headers or {}).items():
        resp.headers[k] = v
    return resp


_TITLES = {400: "Bad Request", 401: "Unauthorized", 403: "Forbidden", 404: "Not Found", 405: "Method Not Allowed",
           413: "Payload Too Large", 415: "Unsupported Media Type", 422: "Unprocessable Entity",
           429: "Too Many Requests", 500: "Internal Server Error", 503: "Service Unavailable"}


def register(app: Flask) -> None:
    from ..engine.reviewer import Overtime

    @app.errorhandler(Overtime)
    def _overtime(exc: Overtime):
        # The worker stopped reviewing at the deadline and is free for the next request.
        seconds = getattr(app.config["TACTFUL"], "deadline_seconds", 5.0)
        return problem(503, _TITLES[503], f"This draft could not be reviewed within {seconds:g} s. Try again in a "
                                          "moment, or send a shorter draft.", {"Retry-After": "2"})

    @app.errorhandler(ApiError)
    def _api_error(exc: ApiError):
        return problem(exc.status, _TITLES.get(exc.status, "Error"), exc.detail, exc.headers, **exc.extra)

    @app.errorhandler(HTTPException)
    def _http_error(exc: HTTPException):
        detail = {
            404: "No such endpoint. See /openapi.json for the API.",
            405: "This endpoint does not accept that method.",
            413: "The request body is too large.",
        }.get(exc.code, exc.description or exc.name)
        headers = dict(exc.get_response().headers) if exc.code in (405, 429) else {}
        headers = {k: v for k, v in headers.items() if k in ("Allow", "Retry-After")}
        if exc.code == 405 and "Allow" in headers:
            detail += f" Allowed: {headers['Allow']}."
        return problem(exc.code or 500, _TITLES.get(exc.code, exc.name), detail, headers)

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        # Never echo the draft: log the exception type and where, not the request.
        app.logger.error("unhandled %s in request", type(exc).__name__, exc_info=exc)
        return problem(500, "Internal Server Error", "The server failed to handle this request.")
