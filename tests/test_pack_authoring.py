"""Writing a team pack: extends, disable, overrides, add_phrases, own rules, strict errors, limits, RE2.

Also the team packs shipped in `rules/teams/` (the template and Acme's
example): each loads, resolves against `core`, and passes its own examples.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from tactful.engine.reviewer import Reviewer
from tactful.packs import pack as packs_mod
from tactful.packs.disk import DiskPacks
from tactful.packs.pack import PackError, builtin_packs, load_pack_text, resolve
from tactful.packs.packtest import check_pack

from packfixtures import codename_rule

TEAMS = Path(__file__).resolve().parent.parent / "rules" / "teams"

OWN_RULE = codename_rule()


def team_pack(body: str = "", rules: str = OWN_RULE, head: str = "pack: team-a\nversion: \"1.0.0\"\nextends: core\n"):
    text = head + body + ("rules:\n" + rules if rules else "")
    return resolve(load_pack_text(text, "team-a.yaml"), builtin_packs().get)


def problems(text: str, source: str = "team-a.yaml") -> list[str]:
    with pytest.raises(PackError) as info:
        resolve(load_pack_text(text, source), builtin_packs().get)
    return [str(i) for i in info.value.issues]


def hits(pack, text: str) -> list[str]:
    return [f.rule for f in Reviewer(pack).review(text).findings]


# --- what a pack can do ------------------------------------------------------------------------------

def test_extends_core_inherits_every_rule_and_class():
    core = builtin_packs()["core"]
    pack = team_pack()
    assert {r.id for r in core.rules} < {r.id for r in pack.rules}
    assert set(core.classes) <= set(pack.classes)
    assert "core.excuse.workload" in hits(pack, "Sorry, we have been swamped this week.")


def test_disable_turns_an_inherited_rule_off():
    pack = team_pack("disable: [core.excuse.workload]\n")
    assert pack.rule("core.excuse.workload") is None
    assert "core.excuse.workload" not in hits(pack, "Sorry, we have been swamped this week.")


def test_override_changes_severity_and_message():
    pack = team_pack("overrides:\n  core.excuse.workload:\n    severity: error\n    message: Give an ETA.\n")
    rule = pack.rule("core.excuse.workload")
    assert (rule.severity, rule.message) == ("error", "Give an ETA.")
    finding = Reviewer(pack).review("Sorry, we have been swamped this week.").findings[0]
    assert (finding.severity, finding.message) == ("error", "Give an ETA.")
    assert builtin_packs()["core"].rule("core.excuse.workload").severity == "warning"  # core itself is untouched


def test_courtesy_lines_ship_switched_off_and_a_team_turns_them_on():
    text = "Thanks for reaching out! The refund of $40 went out today. Let us know if you need anything else."
    core = builtin_packs()["core"]
    assert core.rule("core.scripted.courtesy").enabled is False
    assert not [r for r in hits(core, text) if r.startswith("core.scripted")]
    pack = team_pack("overrides:\n  core.scripted.courtesy:\n    enabled: true\n")
    assert hits(pack, text).count("core.scripted.courtesy") == 2
    assert problems("pack: team-a\nversion: \"1.0.0\"\nextends: core\n"
                    "overrides:\n  core.scripted.courtesy:\n    enabled: maybe\n")


def test_add_phrases_to_an_overshare_rule_with_examples():
    body = ("overrides:\n  core.overshare.code_names:\n    add_phrases: [\"project nimbus\"]\n"
            "    add_examples:\n      flag: [\"That is part of [[project Nimbus]].\"]\n      pass: [\"A nimbus cloud.\"]\n")
    pack = team_pack(body)
    assert "core.overshare.code_names" in hits(pack, "That is part of project Nimbus.")
    assert "core.overshare.code_names" not in hits(builtin_packs()["core"], "That is part of project Nimbus.")
    assert check_pack(pack) == []


def test_own_rule_with_examples_is_checked():
    pack = team_pack()
    assert "team-a.overshare.codename" in hits(pack, "It ships with project Falcon soon.")
    assert check_pack(pack) == []
    broken = team_pack(rules=OWN_RULE.replace("It ships with the new release soon.", "Project Falcon is late."))
    [failure] = check_pack(broken)
    assert re.fullmatch(r"team-a\.yaml:\d+:\d+: rule 'team-a\.overshare\.codename': should pass "
                        r"'Project Falcon is late\.' but flagged 'Project Falcon'", str(failure)), str(failure)
    assert (failure.line, failure.column) == (17, 14)  # the pass example itself


def test_a_failing_added_example_points_at_the_override():
    body = ("overrides:\n  core.overshare.code_names:\n    add_phrases: [\"project nimbus\"]\n"
            "    add_examples:\n      flag: [\"That is [[project Kestrel]].\"]\n")
    [failure] = check_pack(team_pack(body))
    assert (failure.source, failure.line, failure.rule) == ("team-a.yaml", 8, "core.overshare.code_names")
    assert "should flag 'project Kestrel'" in failure.message


def test_a_team_rule_may_name_a_condition_of_core():
    rule = OWN_RULE.replace("    suggestions:", '    unless: ["{new_time}"]\n    suggestions:')
    pack = team_pack(rules=rule)
    assert pack.rule("team-a.overshare.codename").unless == (builtin_packs()["core"].conditions["new_time"],)
    assert "team-a.overshare.codename" in hits(pack, "It ships with project Falcon soon.")
    assert "team-a.overshare.codename" not in hits(pack, "Project Falcon will be with you tomorrow at 10.")
    [issue] = problems('pack: team-a\nversion: "1"\nextends: core\nrules:\n' + rule.replace("new_time", "new_tim"))
    assert re.fullmatch(r"team-a\.yaml:\d+:\d+: rule 'team-a\.overshare\.codename': unknown condition '\{new_tim\}' "
                        r"\(did you mean '\{new_time\}'\?\); the pack's named conditions: \{new_time\}, .*", issue), issue
    [issue] = problems('pack: team-a\nversion: "1"\nrules:\n' + rule)  # no base pack: nothing to name
    assert issue.endswith("unknown condition '{new_time}'; the pack's named conditions: none")


# --- strict loading: errors like a compiler ----------------------------------------------------------

def test_unknown_key_shows_file_line_column_and_rule():
    text = 'pack: team-a\nversion: "1"\nextends: core\nrules:\n' + OWN_RULE.replace("    phrases:", "    phrase:")
    [issue] = problems(text)
    assert issue == ("team-a.yaml:11:5: rule 'overshare.codename': unknown key 'phrase' (did you mean 'phrases'?); "
                     "allowed keys: category, enabled, examples, id, kind, message, pattern, phrases, rationale, scope, severity, "
                     "suggestions, unless")


def test_unknown_rule_in_disable_and_overrides_is_located():
    text = ('pack: team-a\nversion: "1"\nextends: core\ndisable:\n  - core.excuse.workloadd\n'
            'overrides:\n  core.nope:\n    severity: error\n')
    found = problems(text)
    assert "team-a.yaml:5:5: cannot disable unknown rule 'core.excuse.workloadd' " \
           "(did you mean 'core.excuse.workload'?)" in found
    assert any(p.startswith("team-a.yaml:7:3: cannot override unknown rule 'core.nope'") for p in found)


def test_extends_unknown_pack_and_itself():
    assert problems('pack: team-a\nversion: "1"\nextends: nope\n') == [
        "team-a.yaml:3:10: extends unknown pack 'nope'"]
    assert problems('pack: team-a\nversion: "1"\nextends: team-a\n') == [
        "team-a.yaml:3:10: pack 'team-a' cannot extend itself"]


def test_bad_added_phrase_names_the_rule():
    text = 'pack: team-a\nversion: "1"\nextends: core\noverrides:\n  core.excuse.workload:\n    add_phrases: ["(a|b"]\n'
    [issue] = problems(text)
    assert issue.startswith("team-a.yaml:6:19: rule 'core.excuse.workload': ")


@pytest.mark.parametrize("pattern,construct", [
    (r"(\\w+) \\1", "backreference"),
    (r"we(?= are)", "lookahead"),
    (r"(?<!not )late", "negative lookbehind"),
])
def test_re2_refuses_backreferences_and_lookaround_naming_the_rule(pattern, construct):
    rule = OWN_RULE.replace('    phrases: ["project falcon"]\n', f'    pattern: "{pattern}"\n').replace(
        "kind: phrases", "kind: pattern")
    [issue] = problems('pack: team-a\nversion: "1"\nrules:\n' + rule)
    assert issue.startswith("team-a.yaml:10:14: rule 'team-a.overshare.codename': unsupported regular expression "
                            f"syntax: {construct}"), issue


def test_lone_surrogates_are_reviewed_without_a_crash():
    rule = OWN_RULE.replace('    phrases: ["project falcon"]\n', '    pattern: "project\\\\s+falcon"\n').replace(
        "kind: phrases", "kind: pattern")
    pack = team_pack(rules=rule)
    text = "Sorry \ud800 we have been swamped \udfff and project Falcon \ud83d is late."
    findings = Reviewer(pack).review(text).findings
    assert {"core.excuse.workload", "team-a.overshare.codename"} <= {f.rule for f in findings}
    found = next(f for f in findings if f.rule == "team-a.overshare.codename")
    assert text[found.start:found.end] == "project Falcon"


def test_lone_surrogates_over_http(client):
    r = client.post("/v1/review", data=b'{"text": "We have been swamped \\ud800 this week \\udc00."}',
                    content_type="application/json")
    assert r.status_code == 200
    assert any(f["rule"] == "core.excuse.workload" for f in r.get_json()["findings"])


# --- limits, each with a clear error ------------------------------------------------------------------

def test_pack_size_limit(monkeypatch):
    monkeypatch.setattr(packs_mod, "MAX_PACK_BYTES", 500)
    text = 'pack: team-a\nversion: "1"\ndescription: "' + "x" * 600 + '"\n'
    assert problems(text) == ["team-a.yaml:1:1: pack is larger than 500 bytes"]


def test_rule_count_limit(monkeypatch):
    monkeypatch.setattr(packs_mod, "MAX_RULES", 2)
    rules = "".join(OWN_RULE.replace("overshare.codename", f"overshare.codename{i}") for i in range(3))
    assert problems('pack: team-a\nversion: "1"\nrules:\n' + rules) == [
        "team-a.yaml:4:3: a pack holds at most 2 rules"]


def test_pattern_length_limit(monkeypatch):
    monkeypatch.setattr(packs_mod, "MAX_PATTERN_LENGTH", 10)
    rule = OWN_RULE.replace('    phrases: ["project falcon"]\n', '    pattern: "project\\\\s+falcon"\n').replace(
        "kind: phrases", "kind: pattern")
    assert problems('pack: team-a\nversion: "1"\nrules:\n' + rule) == [
        "team-a.yaml:10:14: rule 'team-a.overshare.codename': pattern is longer than 10 characters"]


def test_phrase_count_limit(monkeypatch):
    monkeypatch.setattr(packs_mod, "MAX_PHRASES", 3)
    rule = OWN_RULE.replace('["project falcon"]', '["project falcon", "project kite", "project owl", "project emu"]')
    [issue] = problems('pack: team-a\nversion: "1"\nrules:\n' + rule)
    assert issue == "team-a.yaml:4:3: the pack has 4 phrases; the limit is 3"


def test_a_pattern_too_big_for_re2_is_refused():
    rule = OWN_RULE.replace('    phrases: ["project falcon"]\n', '    pattern: "((a{100}){100}){100}"\n').replace(
        "kind: phrases", "kind: pattern")
    [issue] = problems('pack: team-a\nversion: "1"\nrules:\n' + rule)
    assert "rule 'team-a.overshare.codename': invalid regular expression" in issue


# --- the packs in rules/teams ---------------------------------------------------------------------------

@pytest.mark.parametrize("name", ["template.yaml", "acme-support.yaml"])
def test_team_packs_in_the_repository_load_and_pass_their_examples(name):
    pack = DiskPacks(builtin_packs()).load(TEAMS / name)
    assert pack.extends == "core"
    assert pack.raw.get("disable") and pack.raw.get("overrides") and pack.raw.get("rules")
    failures = check_pack(pack)
    assert not failures, "\n".join(map(str, failures))


def test_acme_pack_does_what_its_description_says():
    pack = DiskPacks(builtin_packs()).load(TEAMS / "acme-support.yaml")
    found = {f.rule for f in Reviewer(pack).review(
        "Good news: I'll issue you a full refund today. It ships with the Falcon release. See PLAT-2210.").findings}
    assert {"core.overpromise.authority", "core.overshare.code_names", "acme-support.overshare.ticket_keys"} <= found
    assert pack.rule("core.scripted.sign_off") is None
    assert pack.rule("core.overpromise.guarantee").severity == "error"
