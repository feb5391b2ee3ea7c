"""The values that are plain classes rather than dataclasses (issue 22: ``list`` and
``export --json`` import no ``dataclasses``) keep what the dataclasses gave them: equality
by every field and only within a class, the same repr, ``replace`` through ``__init__``
(its normalising and its checks), no hash for the mutable ones, and immutability and a
consistent hash for the frozen ones (the template, the database targets)."""

from __future__ import annotations

from datetime import date, datetime
from pathlib import Path

import pytest

from msgdesk.domain.record import Record
from msgdesk.domain.return_values import ActionData, PackData, ResponseData, ReturnData
from msgdesk.domain.states import ActionStatus, RoundStatus
from msgdesk.domain.template import load_template
from msgdesk.domain.vocabulary import Rating
from msgdesk.store.reads import ResponseSnapshot, RoundSnapshot
from msgdesk.store.target import PgDriver, PostgresTarget, SqliteTarget, SslMode, parse_target

WHEN = datetime(2026, 3, 12, 14, 3, 27)
ACTION = ActionData("Write the plan", "IJB", "March 2027", "Chief Officer", date(2027, 3, 31), ActionStatus.ON_TRACK,
                    "2019-2.1-1", "5f0c", WHEN, "Ann")
RESPONSE = ResponseData("2.1", Rating.ESTABLISHED, Rating.PARTLY_ESTABLISHED, "evidence", [ACTION], WHEN, "Ann")
PACK = PackData("p1", "Bob, finance", ("2.1",), WHEN, "Ann", [RESPONSE], "sha256:" + "0" * 64, "Bob", WHEN)
RETURN = ReturnData("North Ayrshire", "2019", "Ann", date(2019, 4, 18), RoundStatus.APPROVED, date(2019, 5, 16),
                    "IJB item 9", [RESPONSE], PACK)
RESPONSE_SNAP = ResponseSnapshot("2.1", "established", None, "text", [(7, ACTION)], 3, WHEN, "Ann")
ROUND_SNAP = RoundSnapshot(1, "P", "2019", "Ann", date(2019, 4, 18), "draft", None, "", None, None,
                           {"2.1": RESPONSE_SNAP}, {7: 2}, [], [])
RECORDS: list[Record] = [ACTION, RESPONSE, PACK, RETURN, RESPONSE_SNAP, ROUND_SNAP]
#: A value of another type for each field, never equal to a field's own.
OTHER = object()


def _pairs() -> list[tuple[Record, str]]:
    return [(value, name) for value in RECORDS for name in value.__slots__]


@pytest.mark.parametrize("value", RECORDS, ids=lambda v: type(v).__name__)
def test_a_record_is_equal_to_its_copy_and_unhashable(value: Record) -> None:
    copy = value.replace()
    assert copy == value and copy is not value and not (copy != value)
    assert type(value).__hash__ is None
    with pytest.raises(TypeError):
        hash(value)
    with pytest.raises(AttributeError):  # slots: a misspelt field is an error, not a new attribute
        value.not_a_field = 1  # type: ignore[attr-defined]


@pytest.mark.parametrize("value, name", _pairs(), ids=lambda x: x if isinstance(x, str) else type(x).__name__)
def test_every_field_counts_in_equality_and_repr(value: Record, name: str) -> None:
    changed = value.replace()
    object.__setattr__(changed, name, OTHER)  # past __init__'s normalising: the field itself differs
    assert changed != value and value != changed
    assert f"{name}={OTHER!r}" in repr(changed)
    assert repr(value).startswith(f"{type(value).__qualname__}({value.__slots__[0]}=")


def test_replace_goes_through_init_and_refuses_unknown_fields() -> None:
    assert ACTION.replace(status="complete").status is ActionStatus.COMPLETE  # normalised, as __post_init__ did
    assert RESPONSE.replace(rating="exemplary").rating is Rating.EXEMPLARY
    assert RETURN.replace(status="draft").status is RoundStatus.DRAFT
    assert ACTION.replace(status="nonsense").status == "nonsense"  # left for its reader to report
    with pytest.raises(TypeError):
        ACTION.replace(colour="red")
    assert ACTION.replace(lead="Someone").lead == "Someone" and ACTION.lead == "Chief Officer"


def test_records_of_different_classes_are_never_equal() -> None:
    assert ResponseData("2.1") != ResponseSnapshot("2.1")
    assert ActionData("x") != ("x", "", "", "", None, ActionStatus.NOT_STARTED, "", "", None, "")


def test_defaults_are_fresh_lists_and_dicts() -> None:
    a, b = ResponseData("1.1"), ResponseData("1.1")
    a.actions.append(ActionData("x"))
    assert b.actions == []
    s1 = RoundSnapshot(1, "P", "2019", "", None, "draft", None, "", None, None)
    s2 = RoundSnapshot(1, "P", "2019", "", None, "draft", None, "", None, None)
    s1.response("2.1").evidence = "typed"
    assert s2.responses == {} and s1 != s2


# --- the frozen ones ---------------------------------------------------------------------------

PG = [
    "postgresql://ann:s3cret@db.council.local:6543/msg?sslmode=verify-ca&sslrootcert=/ca.pem",
    "postgresql://ann@/msg?host=/var/run/postgresql",
    "postgresql+psycopg://ann@db/msg?application_name=audit",
]


@pytest.mark.parametrize("text", PG)
def test_a_postgres_target_is_immutable_hashable_and_replaced_with_checks(text: str) -> None:
    target = parse_target(text)
    assert isinstance(target, PostgresTarget)
    same = parse_target(text)
    assert same == target and hash(same) == hash(target) and len({same, target}) == 1
    for name in target.__slots__:
        with pytest.raises(AttributeError):
            setattr(target, name, getattr(target, name))
        changed = target.replace(**{name: OTHER}) if name not in ("host", "socket_dir") else None
        if changed is not None:
            assert changed != target and getattr(target, name) is not OTHER
    assert target.replace(password="other") != target
    assert "s3cret" not in repr(target) and "other" not in repr(target.replace(password="other"))
    assert target.with_database("x").database == "x" and target.database == "msg"
    with pytest.raises(ValueError):  # the check a new target gets
        target.replace(host=None, socket_dir=None)
    with pytest.raises(TypeError):
        target.replace(colour="red")
    assert parse_target(target.to_url(with_password=True)) == target


def test_the_driver_and_modes_are_kept_by_replace() -> None:
    target = parse_target(PG[2])
    assert isinstance(target, PostgresTarget)
    assert target.driver is PgDriver.PSYCOPG and target.replace(user="bob").driver is PgDriver.PSYCOPG
    assert target.replace(sslmode=SslMode.REQUIRE).tls_mode is SslMode.REQUIRE


@pytest.mark.parametrize("name", ["m.db", "a b.db", "x?y%z#.db", "ünï.db"])
def test_an_sqlite_target_is_immutable_and_hashable(tmp_path: Path, name: str) -> None:
    target, same = SqliteTarget(tmp_path / name), parse_target(str(tmp_path / name))
    assert target == same and hash(target) == hash(same) and target != SqliteTarget(tmp_path / "other.db")
    assert target != parse_target("postgresql://ann@db/msg")
    assert repr(target) == f"SqliteTarget(path={tmp_path / name!r})"
    with pytest.raises(AttributeError):
        target.path = tmp_path  # type: ignore[misc]


def test_the_template_is_immutable_and_equal_by_its_fields() -> None:
    template = load_template()
    again = load_template(Path(__file__).resolve().parents[1] / "resources" / "template" / "msg-self-evaluation.json")
    assert again is not template and again == template and hash(again) == hash(template)
    with pytest.raises(AttributeError):
        template.title = "x"  # type: ignore[misc]
    assert [p.id for p in template.proposals] == [p.id for kf in template.key_features for p in kf.proposals]
    assert [p.id for p in template.local_proposals] == [p.id for p in template.proposals if p.local]
    assert len(template.local_proposals) == 22 and len(template.proposals) == 25
    for position, proposal in enumerate(template.proposals):
        assert template.order(proposal.id) == position and template.proposal(proposal.id) is proposal
    assert template.order("9.9") == len(template.proposals) and not template.has_proposal("9.9")
