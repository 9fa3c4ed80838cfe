"""The built-in pack's layout, so that a team lead finds their way in it.

`rules/core/` holds one file per category, each word class in a file of its
own as a block list, and the `unless` expressions rules share as named
conditions; beside them `spans.yaml`, the words that end a clause (core data,
see test_spans.py); no line is over 120 characters. The folder loads as one pack,
the same as its one-file form (what `tactful packs pull core` prints), and an
error in it names the file it is in.
"""

from __future__ import annotations

import re
import shutil
from collections import Counter
from pathlib import Path

import pytest
import yaml

from tactful.engine.findings import FAULTS
from tactful.engine.reviewer import Reviewer
from tactful.packs.disk import folder_as_file, load_pack_folder
from tactful.packs.pack import PackError, builtin_packs, load_pack_text

CORE = Path(__file__).resolve().parent.parent / "rules" / "core"
NAMED = re.compile(r"^\{([a-z][a-z0-9_]*)\}$")


@pytest.fixture(scope="module")
def core():
    return builtin_packs()["core"]


def _load(path: Path):
    return yaml.safe_load(path.read_text(encoding="utf-8"))


def test_one_file_per_category_holding_only_that_categorys_rules(core):
    assert sorted(p.name for p in CORE.glob("*.yaml")) == sorted(
        ["pack.yaml", "conditions.yaml", "spans.yaml", *(f"{c}.yaml" for c in FAULTS)])
    for category in FAULTS:
        data = _load(CORE / f"{category}.yaml")
        assert list(data) == ["rules"]
        assert {r["category"] for r in data["rules"]} == {category}
        assert all(r["id"].startswith(f"{category}.") for r in data["rules"])
    for rule in core.rules:
        assert {where[0] for where in rule.example_marks} == {f"rules/core/{rule.category}.yaml"}, rule.id


def test_each_word_class_is_a_block_list_in_a_file_of_its_own(core):
    files = sorted((CORE / "classes").glob("*.yaml"))
    assert {p.stem for p in files} == set(core.classes)
    for path in files:
        data = _load(path)
        assert list(data) == ["classes"] and list(data["classes"]) == [path.stem], path.name
        items = [line for line in path.read_text(encoding="utf-8").splitlines() if line.startswith("    - ")]
        assert len(items) == len(data["classes"][path.stem]), f"{path.name}: one item per line"


def test_shared_unless_expressions_are_named_conditions(core):
    written = [u for r in core.raw["rules"] for u in r.get("unless", ())]
    copies = [u for u, n in Counter(u for u in written if not NAMED.match(u)).items() if n > 1]
    assert copies == [], "an expression several rules share belongs in conditions.yaml"
    named = {NAMED.match(u).group(1) for u in written if NAMED.match(u)}
    assert named == set(core.conditions), "every named condition is used, and every name is defined"
    workload = core.rule("core.excuse.workload")
    assert workload.unless[0] == core.conditions["new_time"]  # the loader puts the expression in its place


def test_no_line_is_over_120_characters():
    long = [f"{path.relative_to(CORE)}:{n}" for path in sorted(CORE.rglob("*.yaml"))
            for n, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1) if len(line) > 120]
    assert long == []


def test_the_folder_is_the_same_pack_as_its_one_file_form(core):
    single = load_pack_text(folder_as_file(CORE, "rules/core"), "core.yaml")
    assert single.rules == core.rules
    assert (single.classes, single.conditions, single.description) == (core.classes, core.conditions,
                                                                        core.description)
    drafts = [e.text for r in core.rules for e in r.flag + r.passes]
    folder_reviewer, file_reviewer = Reviewer(core, detector=None), Reviewer(single, detector=None)
    for draft in drafts:
        assert folder_reviewer.review(draft).findings == file_reviewer.review(draft).findings, draft


# --- errors name the file inside the folder ------------------------------------------------------------------

def _copy(tmp_path) -> Path:
    return Path(shutil.copytree(CORE, tmp_path / "core"))


def _issues(folder: Path) -> list[str]:
    with pytest.raises(PackError) as info:
        load_pack_folder(folder, "core")
    return [str(i) for i in info.value.issues]


def _edit(path: Path, old: str, new: str) -> int:
    """Replace the first `old` in `path`; the 1-based line it was on."""
    text = path.read_text(encoding="utf-8")
    at = text.index(old)
    path.write_text(text[:at] + new + text[at + len(old):], encoding="utf-8")
    return text.count("\n", 0, at) + 1


def test_an_unknown_key_is_reported_in_the_file_that_holds_it(tmp_path):
    folder = _copy(tmp_path)
    line = _edit(folder / "overshare.yaml", "    phrases:", "    phrase:")
    found = _issues(folder)
    assert f"core/overshare.yaml:{line}:5: rule 'overshare.management_pressure': unknown key 'phrase' " \
           "(did you mean 'phrases'?)" in "\n".join(found)
    assert all(issue.startswith("core/overshare.yaml:") for issue in found)


def test_a_bad_phrase_and_an_unknown_condition_are_located(tmp_path):
    folder = _copy(tmp_path)
    phrase_line = _edit(folder / "scripted.yaml", '      - "', '      - "(unclosed ')
    condition_line = _edit(folder / "excuse.yaml", '"{new_time}"', '"{new_tme}"')
    found = _issues(folder)
    assert any(i.startswith(f"core/scripted.yaml:{phrase_line}:9: rule 'core.scripted.") for i in found), found
    assert f"core/excuse.yaml:{condition_line}:9: rule 'core.excuse.workload': unknown condition '{{new_tme}}' " \
           "(did you mean '{new_time}'?); the pack's named conditions: {new_time}, {patience_in_person}, " \
           "{thanks_for_a_thing}" in found


def test_a_class_defined_twice_and_a_file_not_listed_are_refused(tmp_path):
    folder = _copy(tmp_path)
    (folder / "conditions.yaml").write_text(
        (folder / "conditions.yaml").read_text(encoding="utf-8") + 'classes:\n  we: ["us"]\n', encoding="utf-8")
    found = _issues(folder)
    assert any(re.fullmatch(r"core/conditions\.yaml:\d+:3: class 'we' is already defined at "
                            r"core/classes/we\.yaml:\d+:3", i) for i in found), found
    folder = _copy(tmp_path / "again")
    (folder / "refunds.yaml").write_text("rules: []\n", encoding="utf-8")
    assert _issues(folder) == ["core/refunds.yaml:1:1: not listed in pack.yaml's 'files', so it would be ignored"]


def test_a_pack_key_in_a_listed_file_says_where_it_belongs(tmp_path):
    folder = _copy(tmp_path)
    (folder / "defensive.yaml").write_text(
        'version: "3"\n' + (folder / "defensive.yaml").read_text(encoding="utf-8"), encoding="utf-8")
    assert _issues(folder) == ["core/defensive.yaml:1:1: 'version' belongs in pack.yaml; a file of a pack folder "
                               "holds classes, conditions, rules"]
