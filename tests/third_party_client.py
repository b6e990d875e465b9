#!/usr/bin/env python3
"""Drives a running jiratty demo server with the PyPI `jira` library (pycontribs), unchanged.

Usage: python3 tests/third_party_client.py URL FLAVOR     (FLAVOR is cloud or dc)

Run by tests/demo_third_party.rs. Each check prints `ok NAME` or `FAIL NAME: why`; the exit
status is 1 when any check failed. Checks listed in KNOWN_MISMATCHES are server bugs that are
reported, not fixed, here: they print `XFAIL` while they fail and `XPASS` (a failure, so the
list gets updated) once the server is fixed.
"""

import sys
import traceback
import warnings

from jira import JIRA, JIRAError

# Demo accounts (see DESIGN.md).
CLOUD_EMAIL, CLOUD_TOKEN = "alice@example.com", "demo-api-token"
DC_USER, DC_PASSWORD, DC_PAT = "alice", "demo-password", "demo-pat"

# check name -> the server bug that makes it fail.
KNOWN_MISMATCHES: dict[str, str] = {}

# Seconds before a request is abandoned (a hung server must not hang the test run).
TIMEOUT = 30

failures = []


def check(name, fn):
    """Runs one check and records the outcome."""
    known = KNOWN_MISMATCHES.get(name)
    try:
        fn()
    except Exception as e:  # noqa: BLE001 - every failure is reported, none is fatal
        detail = " ".join(f"{type(e).__name__}: {e}".split())
        if isinstance(e, AssertionError) and not str(e):
            detail = traceback.format_exc(limit=2).strip().splitlines()[-2]
        if known:
            print(f"XFAIL {name}: {known} ({detail[:300]})")
        else:
            print(f"FAIL {name}: {detail[:1000]}")
            failures.append(name)
        return
    if known:
        print(f"XPASS {name}: fixed on the server? remove it from KNOWN_MISMATCHES")
        failures.append(name)
    else:
        print(f"ok {name}")


def common_checks(prefix, jira, flavor):
    """The read-only calls a client makes, on one authenticated connection."""

    def server_info():
        info = jira.server_info()
        expected = "Cloud" if flavor == "cloud" else "Server"
        assert info["deploymentType"] == expected, info
        assert len(info["versionNumbers"]) == 3, info
        assert jira._is_cloud == (flavor == "cloud")

    def myself():
        me = jira.myself()
        if flavor == "cloud":
            assert me["accountId"] and me["emailAddress"] == CLOUD_EMAIL, me
        else:
            assert me["name"] == DC_USER and me["key"], me
        assert me["displayName"] == "Alice Anderson", me

    def search_page():
        issues = jira.search_issues("project = ACME", maxResults=10)
        assert 0 < len(issues) <= 10, len(issues)
        for issue in issues:
            assert issue.key.startswith("ACME-"), issue.key
            assert issue.fields.project.key == "ACME"
            assert isinstance(issue.fields.summary, str)
        if flavor == "dc":
            assert issues.total >= len(issues), issues.total

    def search_all():
        # Every project: more than one page of the library's batches of 100.
        jql = "project in (ACME, OPS, DOC)"
        if flavor == "cloud":
            every = jira.enhanced_search_issues(jql, maxResults=0, fields="summary")
            count = jira.approximate_issue_count(jql)
            posted = jira.enhanced_search_issues(
                jql, maxResults=0, fields=["summary"], use_post=True
            )
            assert [i.key for i in posted] == [i.key for i in every]
        else:
            every = jira.search_issues(jql, maxResults=False, fields="summary")
            count = every.total
            posted = jira.search_issues(
                jql, maxResults=False, fields="summary", use_post=True
            )
            assert [i.key for i in posted] == [i.key for i in every]
        keys = [i.key for i in every]
        assert len(keys) == len(set(keys)), "duplicates across pages"
        assert len(keys) == count and count > 200, (len(keys), count)

    def issue():
        first = jira.search_issues("project = ACME ORDER BY key ASC", maxResults=1)[0]
        full = jira.issue(first.key)
        assert full.key == first.key and full.id
        assert isinstance(full.fields.summary, str)
        assert full.fields.status.statusCategory.key in ("new", "indeterminate", "done")
        assert full.fields.issuetype.name
        by_id = jira.issue(full.id, fields="summary")
        assert by_id.key == full.key and by_id.fields.summary == full.fields.summary
        try:
            jira.issue("ACME-999999")
            raise AssertionError("an unknown issue was found")
        except JIRAError as e:
            assert e.status_code == 404, e.status_code
            assert "Issue does not exist" in e.text, e.text

    def comments():
        for found in jira.search_issues("project = ACME ORDER BY key ASC", maxResults=50):
            listed = jira.comments(found.key)
            if listed:
                break
        else:
            raise AssertionError("no ACME issue among the first 50 has comments")
        for c in listed:
            assert c.id and isinstance(c.body, str) and c.author.displayName, c.raw
        newest = jira.comments(found.key, order_by="-created")
        assert [c.id for c in newest] == [c.id for c in reversed(listed)]

    def fields():
        by_id = {f["id"]: f for f in jira.fields()}
        assert by_id["summary"]["name"] == "Summary"
        assert any(f["custom"] for f in by_id.values())

    def projects():
        keys = [p.key for p in jira.projects()]
        assert "ACME" in keys, keys
        assert jira.project("ACME").name

    def favourite_filters():
        filters = jira.favourite_filters()
        assert filters, "alice has favourite filters"
        for f in filters:
            assert f.name and f.jql and f.owner.displayName == "Alice Anderson", f.raw
        assert jira.filter(filters[0].id).name == filters[0].name

    def transitions():
        key = jira.search_issues("project = ACME", maxResults=1)[0].key
        listed = jira.transitions(key)
        assert listed and all(t["id"] and t["name"] for t in listed), listed

    def create_filter():
        name = f"third-party {prefix}"
        created = jira.create_filter(name=name, jql="project = ACME", favourite=True)
        assert created.name == name and created.id
        assert created.id in [f.id for f in jira.favourite_filters()]

    for name, fn in [
        ("server_info", server_info),
        ("myself", myself),
        ("search_page", search_page),
        ("search_all", search_all),
        ("issue", issue),
        ("comments", comments),
        ("fields", fields),
        ("projects", projects),
        ("favourite_filters", favourite_filters),
        ("transitions", transitions),
        ("create_filter", create_filter),
    ]:
        check(f"{prefix}/{name}", fn)


def write_checks(prefix, jira, flavor):
    """Acting on issues: transitions, assignment, comments and watchers, each read back."""
    cloud = flavor == "cloud"

    def pick(jql):
        return jira.search_issues(jql, maxResults=1)[0].key

    def login(name):
        return f"{name}@example.com" if cloud else name

    def transition():
        key = pick('project = ACME AND status = "To Do" ORDER BY key ASC')
        names = [t["name"] for t in jira.transitions(key)]
        assert names == ["Start progress"], names
        jira.transition_issue(key, "Start progress")
        assert jira.issue(key).fields.status.name == "In Progress"
        jira.transition_issue(key, "Request review")
        done = next(t for t in jira.transitions(key, expand="transitions.fields") if t["name"] == "Done")
        assert done["fields"]["resolution"]["required"], done
        try:
            jira.transition_issue(key, done["id"])
            raise AssertionError("Done without a resolution was applied")
        except JIRAError as e:
            assert e.status_code == 400 and "Resolution is required." in e.text, e.text
        jira.transition_issue(
            key, done["id"], fields={"resolution": {"name": "Won't Do"}}, comment="Out of scope"
        )
        issue = jira.issue(key)
        assert issue.fields.status.name == "Done", issue.fields.status.name
        assert issue.fields.resolution.name == "Won't Do"
        assert jira.comments(key)[-1].body == "Out of scope"
        found = jira.search_issues(f'key = {key} AND status = Done AND updated >= -1m')
        assert [i.key for i in found] == [key], found

    def assign():
        key = pick("project = OPS AND assignee IS NOT EMPTY ORDER BY key ASC")
        jira.assign_issue(key, login("carol"))
        assert jira.issue(key).fields.assignee.displayName == "Carol Chen"
        jira.assign_issue(key, None)
        assert jira.issue(key).fields.assignee is None
        jira.assign_issue(key, "-1")
        lead = jira.project("OPS").lead.displayName
        assert jira.issue(key).fields.assignee.displayName == lead
        found = jira.search_assignable_users_for_issues(query="car", issueKey=key)
        assert [u.displayName for u in found] == ["Carol Chen"], found
        assert jira.search_issues(f"key = {key} AND assignee IS NOT EMPTY")

    def comment_add_edit_delete():
        key = pick("project = DOC ORDER BY key ASC")
        before = [c.id for c in jira.comments(key)]
        added = jira.add_comment(key, "A third-party *note*", visibility={"type": "role", "value": "Developers"})
        assert added.body == "A third-party *note*" and added.visibility.value == "Developers"
        assert [c.id for c in jira.comments(key)] == before + [added.id]
        added.update(body="An edited note")
        assert added.body == "An edited note", added.raw
        assert jira.comment(key, added.id).body == "An edited note"
        assert jira.search_issues(f"key = {key} AND comment ~ edited")
        added.delete()
        assert [c.id for c in jira.comments(key)] == before

    def watch():
        key = pick("project = ACME ORDER BY key ASC")
        before = jira.watchers(key).watchCount
        jira.add_watcher(key, login("carol"))
        watchers = jira.watchers(key)
        assert watchers.watchCount == before + 1, watchers.raw
        assert "Carol Chen" in [u.displayName for u in watchers.watchers]
        jira.remove_watcher(key, login("carol"))
        assert jira.watchers(key).watchCount == before

    def create_and_edit():
        if cloud:
            # The library asks Cloud the older, expanded form.
            meta = jira.createmeta(
                projectKeys="ACME", issuetypeNames="Bug", expand="projects.issuetypes.fields"
            )
            team = meta["projects"][0]["issuetypes"][0]["fields"]["customfield_10030"]
        else:
            types = jira.createmeta_issuetypes("ACME")
            bug = next(t for t in types["values"] if t["name"] == "Bug")
            fields = jira.createmeta_fieldtypes("ACME", bug["id"])
            team = next(f for f in fields["values"] if f["name"] == "Team")
        assert team["required"], team
        try:
            jira.create_issue(project="ACME", summary="No team", issuetype={"name": "Bug"})
            raise AssertionError("a bug without its required Team was created")
        except JIRAError as e:
            assert e.status_code == 400 and "Team is required." in e.text, e.text
        issue = jira.create_issue(
            project="ACME",
            summary="Filed by a third-party client",
            issuetype={"name": "Bug"},
            customfield_10030={"value": "Mobile"},
            labels=["third-party"],
        )
        assert issue.key.startswith("ACME-"), issue.key
        issue.update(fields={"summary": "Renamed by a third-party client", "customfield_10016": 3})
        issue.add_field_value("labels", "added")
        fresh = jira.issue(issue.key)
        assert fresh.fields.summary == "Renamed by a third-party client"
        assert fresh.fields.customfield_10016 == 3
        assert sorted(fresh.fields.labels) == ["added", "third-party"], fresh.fields.labels
        assert fresh.fields.customfield_10030.value == "Mobile"
        meta = jira.editmeta(issue.key)
        assert "customfield_10032" in meta["fields"], list(meta["fields"])
        found = jira.search_issues("labels = added AND project = ACME")
        assert issue.key in [i.key for i in found], found

    for name, fn in [
        ("create_and_edit", create_and_edit),
        ("transition", transition),
        ("assign", assign),
        ("comment_add_edit_delete", comment_add_edit_delete),
        ("watch", watch),
    ]:
        check(f"{prefix}/{name}", fn)


def refused(name, **kwargs):
    """A connection with bad credentials must fail with JIRAError 401 on the first call."""

    def attempt():
        try:
            jira = JIRA(server=URL, max_retries=0, timeout=TIMEOUT, **kwargs)
            jira.myself()
        except JIRAError as e:
            assert e.status_code == 401, (e.status_code, e.text)
            return e
        raise AssertionError("bad credentials were accepted")

    check(name, attempt)


def main():
    if FLAVOR == "cloud":
        jira = JIRA(server=URL, basic_auth=(CLOUD_EMAIL, CLOUD_TOKEN), max_retries=0, timeout=TIMEOUT)
        common_checks("api-token", jira, FLAVOR)
        write_checks("api-token", jira, FLAVOR)
        refused("refused/password", basic_auth=(CLOUD_EMAIL, DC_PASSWORD))
        refused("refused/bearer", token_auth=CLOUD_TOKEN)
    else:
        basic = JIRA(server=URL, basic_auth=(DC_USER, DC_PASSWORD), max_retries=0, timeout=TIMEOUT)
        common_checks("basic", basic, FLAVOR)
        write_checks("basic", basic, FLAVOR)
        pat = JIRA(server=URL, token_auth=DC_PAT, max_retries=0, timeout=TIMEOUT)
        common_checks("pat", pat, FLAVOR)
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", DeprecationWarning)
            session = JIRA(server=URL, auth=(DC_USER, DC_PASSWORD), max_retries=0, timeout=TIMEOUT)
        check("session/validated", lambda: session.session().name == DC_USER or fail("session"))
        common_checks("session", session, FLAVOR)

        def kill():
            response = session.kill_session()
            assert response.status_code == 204, response.status_code

        check("session/kill_session", kill)
        refused("refused/bad-pat", token_auth="not-a-token")
        # One wrong password only: three in a row would lock alice behind the CAPTCHA.
        refused("refused/password", basic_auth=(DC_USER, "wrong-password"))
    print(f"{len(failures)} failed" if failures else "all checks passed")
    return 1 if failures else 0


def fail(what):
    raise AssertionError(what)


if __name__ == "__main__":
    if len(sys.argv) != 3 or sys.argv[2] not in ("cloud", "dc"):
        sys.exit(__doc__)
    URL, FLAVOR = sys.argv[1].rstrip("/"), sys.argv[2]
    sys.exit(main())
