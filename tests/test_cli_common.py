"""What the `tactful` commands share (cli/common.py, cli/teams.py's instance folder): one way to read a file,
one resolver of `extends`, one exit mechanism, so that `check`, `packs` and `teams` cannot drift apart."""

from __future__ import annotations

import ast
import sys
from pathlib import Path

import pytest

from tactful.cli import common, teams
from tactful.cli.main import main

from packfixtures import codename_pack

CLI = Path(__file__).resolve().parent.parent / "server" / "tactful" / "cli"


def run(capsys, *argv):
    code = main(list(argv))
    out, err = capsys.readouterr()
    return code, out, err


def test_one_read_for_drafts_and_packs(tmp_path, capsys):
    latin1 = tmp_path / "latin1.txt"
    latin1.write_bytes(b"caf\xe9\n")
    pack = tmp_path / "latin1.yaml"
    pack.write_bytes(b"pack: caf\xe9\n")
    for argv, path in ((["check", str(latin1)], latin1), (["packs", "lint", str(pack)], pack),
                       (["packs", "test", str(pack)], pack), (["check", "--pack", str(pack), str(latin1)], pack),
                       (["packs", "push", str(pack), "--server", "http://127.0.0.1:9"], pack)):
        code, out, err = run(capsys, *argv)
        assert (code, out, err) == (2, "", f"tactful: error: {path}: cannot read: not UTF-8 text\n"), argv


def test_a_byte_order_mark_is_dropped_from_drafts_and_packs(tmp_path, capsys):
    draft = tmp_path / "bom.txt"
    draft.write_bytes("\ufeffSorry, we've been swamped this week.\n".encode("utf-8"))
    code, out, _ = run(capsys, "check", "--format", "json", str(draft))
    assert code == 1 and "\\ufeff" not in out and '"column": 8' in out, out
    pack = tmp_path / "team-a.yaml"
    pack.write_bytes(b"\xef\xbb\xbf" + codename_pack().encode("utf-8"))
    code, _, err = run(capsys, "packs", "test", str(pack))
    assert code == 0 and "team-a 1.0: 1 rules checked" in err, err
    assert common.read_text(pack) == codename_pack()


def test_check_pack_and_packs_test_report_an_unknown_base_alike(tmp_path, capsys):
    pack = tmp_path / "team-b.yaml"
    pack.write_text('pack: team-b\nversion: "1"\nextends: team-x\n', encoding="utf-8")
    draft = tmp_path / "reply.txt"
    draft.write_text("Fine.\n", encoding="utf-8")
    issue = f"{pack}:3:10: extends unknown pack 'team-x'"
    code, out, err = run(capsys, "packs", "test", str(pack))
    assert (code, out) == (1, issue + "\n"), out + err
    code, out, err = run(capsys, "check", "--pack", str(pack), str(draft))
    assert (code, out, err) == (2, "", f"tactful: error: invalid pack:\n{issue}\n")


def test_check_pack_and_packs_test_share_one_resolver(monkeypatch, tmp_path, capsys):
    made = []
    real = common.disk_packs

    def counting():
        made.append(1)
        return real()
    monkeypatch.setattr(common, "disk_packs", counting)
    from tactful.cli import check, packs
    monkeypatch.setattr(check, "disk_packs", counting)
    monkeypatch.setattr(packs, "disk_packs", counting)
    pack = tmp_path / "team-a.yaml"
    pack.write_text(codename_pack(), encoding="utf-8")
    draft = tmp_path / "reply.txt"
    draft.write_text("It ships with project Falcon soon.\n", encoding="utf-8")
    assert run(capsys, "check", "--pack", str(pack), str(draft))[0] == 1
    assert run(capsys, "packs", "test", str(pack))[0] == 0
    assert len(made) == 2


def test_an_unusable_database_url_exits_2(capsys):
    code, out, err = run(capsys, "teams", "list", "--database", "nosuchdriver://x")
    assert (code, out) == (2, "") and err.startswith("tactful: error: cannot open the database: "), err


def test_teams_default_database_is_in_the_instance_folder(monkeypatch, tmp_path):
    monkeypatch.delenv("TACTFUL_DATABASE_URL", raising=False)
    monkeypatch.delenv("TACTFUL_CONFIG", raising=False)
    monkeypatch.setattr(teams, "instance_path", lambda: str(tmp_path / "instance"))
    (tmp_path / "instance").mkdir()
    store = teams._open_store(None)
    try:
        assert str(store.url) == f"sqlite:///{tmp_path / 'instance' / 'tactful.db'}"
    finally:
        store.close()


def test_the_instance_folder_is_where_flask_puts_it():
    from flask import Flask
    assert teams.instance_path() == Flask("tactful", instance_relative_config=True).instance_path


@pytest.mark.parametrize("package_path", [
    "/srv/tactful/server",                                # a source checkout
    "/opt/venv/lib/python3.11/site-packages",             # a virtualenv
    "/opt/venv/Lib/site-packages",                        # Windows layout
    "/opt/odd/site-packages",
    "/home/me/site-packages-not",
    sys.prefix + "/lib/python3.11/site-packages",         # this Python's own prefix
])
def test_the_instance_folder_follows_flasks_rules(monkeypatch, package_path):
    from flask import Flask
    from flask.sansio import scaffold
    monkeypatch.setattr(scaffold, "_find_package_path", lambda name: package_path)
    assert teams.instance_path(package_path) == Flask("tactful", instance_relative_config=True).instance_path


def test_the_cli_builds_no_flask_app_and_has_one_exit_mechanism():
    for path in sorted(CLI.glob("*.py")):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        imports = {a.name for n in ast.walk(tree) if isinstance(n, ast.Import) for a in n.names}
        imports |= {n.module or "" for n in ast.walk(tree) if isinstance(n, ast.ImportFrom)}
        assert not any(m == "flask" or m.startswith("flask.") for m in imports), path.name
        classes = [n.name for n in ast.walk(tree) if isinstance(n, ast.ClassDef) and any(
            getattr(b, "id", "") == "Exception" for b in n.bases)]
        assert classes == (["CommandError"] if path.name == "common.py" else []), path.name
        constants = [t.id for n in ast.walk(tree) if isinstance(n, ast.Assign) for t in ast.walk(n.targets[0])
                     if isinstance(t, ast.Name) and t.id.startswith("EXIT_")]
        assert constants == (["EXIT_OK", "EXIT_PROBLEMS", "EXIT_USAGE"] if path.name == "common.py" else []), path.name
