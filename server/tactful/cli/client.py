"""The HTTP client of the `tactful packs` server commands: one JSON request to the server; an answer other
than the one expected ends the command as a `CommandError`.

The server is ``--server`` (default: $TACTFUL_SERVER or http://127.0.0.1:8765), the team token ``--token``
(default: $TACTFUL_TOKEN).
"""

from __future__ import annotations

import http.client
import json
import os
import urllib.error
import urllib.parse
import urllib.request

from .common import EXIT_PROBLEMS, EXIT_USAGE, CommandError

DEFAULT_SERVER = "http://127.0.0.1:8765"
_TIMEOUT = 30


def add_server_args(parser) -> None:
    parser.add_argument("--server", default=None, help=f"server URL (default: $TACTFUL_SERVER or {DEFAULT_SERVER})")
    parser.add_argument("--token", default=None, help="team token (default: $TACTFUL_TOKEN)")


class _ReadsEarlyAnswers:
    """A connection that stops sending when the server closes early, so its answer can still be read.

    A server refuses a body that is too large (413) before reading it, and
    closes; sending the rest would fail with "Broken pipe" and hide the 413.
    """

    def send(self, data) -> None:
        try:
            super().send(data)
        except (BrokenPipeError, ConnectionResetError):
            pass  # getresponse() reads the answer, or fails as unreachable if there is none


class _HTTPConnection(_ReadsEarlyAnswers, http.client.HTTPConnection):
    pass


class _HTTPSConnection(_ReadsEarlyAnswers, http.client.HTTPSConnection):
    pass


class _HTTPHandler(urllib.request.HTTPHandler):
    def http_open(self, req):
        return self.do_open(_HTTPConnection, req)


class _HTTPSHandler(urllib.request.HTTPSHandler):
    def https_open(self, req):
        return self.do_open(_HTTPSConnection, req, context=self._context)


_OPENER = urllib.request.build_opener(_HTTPHandler, _HTTPSHandler)


def call(args, method: str, path: str, body: dict | None = None, ok: int = 200) -> dict | str:
    """The server's answer to one request, parsed, when its status is `ok`; else `_refused`'s CommandError."""
    status, answer = _request(args, method, path, body)
    if status != ok:
        raise _refused(status, answer)
    return answer


def _request(args, method: str, path: str, body: dict | None = None) -> tuple[int, dict | str]:
    """(status, parsed body). CommandError (exit 2) when the server cannot be reached."""
    server = (args.server or os.environ.get("TACTFUL_SERVER") or DEFAULT_SERVER).rstrip("/")
    if not server.startswith(("http://", "https://")):
        raise CommandError(f"--server must be an http:// or https:// URL, not {server!r}")
    token = args.token or os.environ.get("TACTFUL_TOKEN")
    headers = {"Accept": "application/json"}
    data = None
    if body is not None:
        data = json.dumps(body, ensure_ascii=False).encode("utf-8")  # no \uXXXX: the body stays the pack's size
        headers["Content-Type"] = "application/json"
    if token:
        headers["Authorization"] = f"Bearer {token}"
    req = urllib.request.Request(server + path, data=data, method=method, headers=headers)
    try:
        with _OPENER.open(req, timeout=_TIMEOUT) as resp:
            return resp.status, _parse(resp.read(), resp.headers.get_content_type())
    except urllib.error.HTTPError as exc:
        return exc.code, _parse(exc.read(), exc.headers.get_content_type())
    except (urllib.error.URLError, OSError) as exc:
        reason = getattr(exc, "reason", exc)
        raise CommandError(f"cannot reach the server at {server}: {reason}") from None


def _parse(raw: bytes, mime: str):
    text = raw.decode("utf-8", "replace")
    if mime.endswith("json"):
        try:
            return json.loads(text)
        except ValueError:
            return text
    return text


def _refused(status: int, body) -> CommandError:
    """A non-2xx answer as a one-line message (plus any compiler-style lines, printed now); exit 1 for a
    refused pack, else 2."""
    detail = body.get("detail") if isinstance(body, dict) else None
    lines = body.get("errors", []) if isinstance(body, dict) else []
    for line in lines:
        print(line)
    message = f"server answered {status}: {detail or str(body)[:200] or 'no detail'}"
    if status == 413:
        message += " The pack is larger than this server accepts (its TACTFUL_MAX_BODY_BYTES)."
    return CommandError(message, EXIT_PROBLEMS if status in (409, 413, 422) else EXIT_USAGE)


def quote(pack_id: str) -> str:
    return urllib.parse.quote(pack_id, safe="")
