"""Team packs over HTTP: publish, history, rollback, source (for `pull`), and the pack schema.

Publishing validates the pack (strict loader, `extends` resolved against the
built-in packs and the team's own) and runs every example of the rules it adds
or changes; a pack with any problem is refused with 422 and the compiler-style
lines, and the version that served before keeps serving. Versions are
append-only: a rollback moves the active pointer back, it deletes nothing.

To a team token, another team's pack does not exist: every route answers as
for an id nobody published (publishing under its id: 409, "taken").
"""

from __future__ import annotations

from importlib import resources

from flask import Blueprint, Response, current_app, g, jsonify, request, url_for

from ..engine.reviewer import Reviewer
from ..packs.disk import folder_as_file
from ..packs.pack import Pack, PackError, pack_schema
from ..packs.packtest import check_pack
from ..store import StoreConflict, StoreUnavailable
from .errors import ApiError
from .parts import parts

bp = Blueprint("teams", __name__, url_prefix="/v1")

MAX_VERSION = 2**31 - 1  # version numbers are 32-bit integers in the database
# Not text/plain: a web page can make its visitor's browser POST that anywhere without asking first.
_YAML_TYPES = {"text/yaml", "application/yaml", "application/x-yaml", "text/x-yaml"}
_UNAVAILABLE = ("The pack store (database) is unreachable, so {what}. Reviews go on with the packs already "
                "loaded; try again when the database is back.")


def _store():
    store = parts().store
    if store is None:
        raise ApiError(503, "This server has no database configured, so team packs cannot be published.")
    return store


def _unavailable(what: str) -> ApiError:
    return ApiError(503, _UNAVAILABLE.format(what=what), {"Retry-After": "5"})


def _json():
    """The JSON body (None when it is not JSON); 400 when it nests too deeply to parse."""
    try:
        return request.get_json(silent=True) if request.is_json else None
    except RecursionError:
        raise ApiError(400, "The JSON is nested too deeply.") from None


def _pack_body() -> tuple[str, str]:
    """(YAML source, file name for error lines) from a YAML body or JSON {"source": ..., "filename": ...}."""
    mimetype = request.mimetype
    if mimetype == "application/json":
        data = _json()
        if not isinstance(data, dict) or not isinstance(data.get("source"), str):
            raise ApiError(400, "Send {\"source\": \"<the pack's YAML>\"} (optionally \"filename\"), "
                                "or the YAML itself with Content-Type: text/yaml.")
        unknown = sorted(set(data) - {"source", "filename"})
        if unknown:
            raise ApiError(400, f"Unknown field(s) {', '.join(map(repr, unknown))}; allowed: filename, source.")
        filename = data.get("filename") or "<pack>"
        if not isinstance(filename, str):
            raise ApiError(400, "'filename' must be a string.")
        return data["source"], _clean_name(filename)
    if mimetype in _YAML_TYPES:
        try:
            return request.get_data().decode("utf-8"), _clean_name(request.args.get("filename", "<pack>"))
        except UnicodeDecodeError:
            raise ApiError(400, "The pack is not UTF-8 text.") from None
    raise ApiError(415, "Send the pack as YAML (Content-Type: text/yaml) or as JSON {\"source\": \"...\"}; "
                        "text/plain and form bodies are refused, since any web page can send those.")


def _clean_name(name: str) -> str:
    name = "".join(c for c in name if c.isprintable())[:200]
    return name or "<pack>"


def _checked(source: str, filename: str, team: str) -> tuple[Pack, Reviewer]:
    """The resolved pack of `team` and its compiled reviewer, or 422 listing every problem like a compiler."""
    registry = parts().packs
    try:
        pack, reviewer = registry.compiled(source, filename, team)
    except PackError as exc:
        raise ApiError(422, f"The pack has {_n(len(exc.issues), 'problem')}; it was not published.",
                       errors=[str(i) for i in exc.issues]) from None
    failures = check_pack(pack, reviewer)
    if failures:
        serving = registry.version_number(pack.id)
        still = f" Version {serving} keeps serving." if serving else ""
        raise ApiError(422, f"{_n(len(failures), 'rule example')} failed; the pack was not published.{still}",
                       errors=[str(f) for f in failures])
    return pack, reviewer


def _n(n: int, what: str) -> str:
    return f"{n} {what}{'s' if n != 1 else ''}"


def _hidden(owner: str | None) -> bool:
    """Whether a pack of `owner` is another team's to this caller's token (single-user mode, no token: none is)."""
    return g.role is not None and owner is not None and owner != g.team


@bp.post("/packs")
def publish():
    source, filename = _pack_body()
    registry = parts().packs
    pack, reviewer = _checked(source, filename, g.team)
    if registry.is_builtin(pack.id):
        raise ApiError(409, f"'{pack.id}' is a built-in pack; publish a pack with its own id that extends it.")
    store = _store()
    try:
        owner = store.owner(pack.id)
        if _hidden(owner):
            raise ApiError(409, "That pack id is taken; choose another.")
        if owner not in (None, g.team):  # single-user mode replacing a team's pack: it stays that team's
            pack, reviewer = _checked(source, filename, owner)
        number = store.publish(pack.id, pack.version, source, g.team, g.token_id)
    except StoreUnavailable:
        raise _unavailable("nothing was published") from None
    registry.install(pack.id, number, source, pack, reviewer)
    current_app.logger.info("pack %s version %d published by team %s", pack.id, number, g.team)
    body = {"id": pack.id, "version": number, "label": pack.version, "rules": len(pack.rules), "active": True}
    return jsonify(body), 201, {"Location": url_for("teams.history", pack_id=pack.id)}


@bp.get("/packs/<pack_id>/history")
def history(pack_id: str):
    store = _store()
    try:
        versions = store.history(pack_id)
    except StoreUnavailable:
        raise _unavailable("the history cannot be read") from None
    if not versions or _hidden(versions[-1]["team"]):
        raise ApiError(404, f"No published versions of pack '{pack_id}'.")
    return jsonify(id=pack_id, versions=versions)


@bp.post("/packs/<pack_id>/rollback")
def rollback(pack_id: str):
    data = _json()
    number = data.get("version") if isinstance(data, dict) else None
    if isinstance(number, float) and number.is_integer():
        number = int(number)
    if not isinstance(number, int) or isinstance(number, bool) or not 1 <= number <= MAX_VERSION:
        raise ApiError(400, "Send {\"version\": N}, N a version number from GET /v1/packs/<id>/history.")
    store = _store()
    try:
        owner = store.owner(pack_id)
        found = None if _hidden(owner) else store.source(pack_id, number)
        if found is None:
            raise ApiError(404, f"Pack '{pack_id}' has no version {number}; see GET /v1/packs/{pack_id}/history.")
        pack, reviewer = _checked(found[1], f"{pack_id}@{number}", owner or g.team)
        store.activate(pack_id, number)
    except StoreUnavailable:
        raise _unavailable("nothing was rolled back") from None
    except StoreConflict as exc:
        raise ApiError(404, str(exc)) from None
    parts().packs.install(pack_id, number, found[1], pack, reviewer)
    current_app.logger.info("pack %s rolled back to version %d by team %s", pack_id, number, g.team)
    return jsonify(id=pack_id, version=number, label=pack.version, active=True)


@bp.get("/packs/<pack_id>/source")
def source(pack_id: str):
    """The YAML of a pack: a built-in one, or a team pack's active (or ?version=N) version."""
    registry = parts().packs
    if registry.is_builtin(pack_id):
        return Response(_builtin_source(registry.get(pack_id)), mimetype="text/yaml")
    version = request.args.get("version") or None
    if version is not None and not (version.isdigit() and 1 <= int(version) <= MAX_VERSION):
        raise ApiError(400, "'version' must be a version number from the pack's history.")
    store = _store()
    try:
        owner = store.owner(pack_id)
        found = None if _hidden(owner) else store.source(pack_id, int(version) if version else None)
    except StoreUnavailable:
        raise _unavailable("the pack cannot be read") from None
    if found is None:
        raise ApiError(404, f"Unknown pack '{pack_id}'" + (f" version {version}." if version else "."))
    return Response(found[1], mimetype="text/yaml", headers={"X-Tactful-Pack-Version": str(found[0])})


def _builtin_source(pack: Pack) -> str:
    """A built-in pack as one YAML file; a pack folder (`rules/core/`) is written out as one."""
    entry = resources.files("tactful.builtin_packs").joinpath(pack.source.rsplit("/", 1)[-1])
    return folder_as_file(entry, pack.source) if entry.is_dir() else entry.read_text("utf-8")


@bp.get("/schema/pack.json")
def schema():
    resp = jsonify(pack_schema())
    resp.headers["Cache-Control"] = "public, max-age=3600"
    return resp
