"""The core API over storage.  Every function is one short transaction: a user
edit is committed on its own, and nothing returned holds a database session.

Writers refuse changes to an approved round with RoundLockedError (and SQLite
triggers refuse them too, for any writer that bypasses this module).
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

from sqlalchemy import func
from sqlalchemy.engine import Engine
from sqlmodel import Session, select

from msgdesk.errors import InputError, NotFoundError, RoundLockedError
from msgdesk.store.session import transaction
from msgdesk.returndata import (
    ACTION_STATUSES,
    RATINGS,
    ActionData,
    ResponseData,
    ReturnData,
)
from msgdesk.store.models import (
    Action,
    EvaluationRound,
    Partnership,
    Response,
    RoundEvent,
    utcnow,
)
from msgdesk.template import Template, load_template
from msgdesk.timescales import interpret

LOCKED_MESSAGE = (
    "round {label} of {partnership} has been approved by the IJB and is read-only; "
    "reopen it for amendment first"
)


@dataclass(frozen=True)
class RoundInfo:
    id: int
    partnership_id: int
    partnership: str
    label: str
    contact: str
    completed_on: date | None
    status: str
    ijb_meeting_date: date | None
    minute_reference: str
    previous_round_id: int | None

    @property
    def is_approved(self) -> bool:
        return self.status == "approved"


@dataclass(frozen=True)
class RoundSummary:
    round: RoundInfo
    rated: int
    local_total: int
    actions: int


def initial_status(timescale: str) -> str:
    """An action's first status follows its timescale: in place, ongoing, else not started."""
    kind = interpret(timescale).kind
    return {"in_place": "in_place", "ongoing": "ongoing"}.get(kind, "not_started")


# --- reading -------------------------------------------------------------


def _info(session: Session, rnd: EvaluationRound) -> RoundInfo:
    partnership = session.get(Partnership, rnd.partnership_id)
    return RoundInfo(
        id=rnd.id,
        partnership_id=rnd.partnership_id,
        partnership=partnership.name,
        label=rnd.label,
        contact=rnd.contact,
        completed_on=rnd.completed_on,
        status=rnd.status,
        ijb_meeting_date=rnd.ijb_meeting_date,
        minute_reference=rnd.minute_reference,
        previous_round_id=rnd.previous_round_id,
    )


def _find_round(session: Session, partnership: str, label: str) -> EvaluationRound | None:
    return session.exec(
        select(EvaluationRound)
        .join(Partnership, Partnership.id == EvaluationRound.partnership_id)
        .where(Partnership.name == partnership, EvaluationRound.label == label)
    ).first()


def find_round(engine: Engine, partnership: str, label: str) -> RoundInfo:
    with transaction(engine) as session:
        rnd = _find_round(session, partnership, label)
        if rnd is None:
            raise NotFoundError(f"no round {label!r} for partnership {partnership!r}")
        return _info(session, rnd)


def get_round(engine: Engine, round_id: int) -> RoundInfo:
    with transaction(engine) as session:
        return _info(session, _round(session, round_id))


def list_partnerships(engine: Engine) -> list[str]:
    with transaction(engine) as session:
        return list(session.exec(select(Partnership.name).order_by(Partnership.name)))


def list_rounds(engine: Engine, template: Template | None = None) -> list[RoundSummary]:
    """Every round with its progress: proposals rated (of the local ones) and actions."""
    template = template or load_template()
    local = {p.id for p in template.local_proposals}
    with transaction(engine) as session:
        rounds = session.exec(
            select(EvaluationRound)
            .join(Partnership, Partnership.id == EvaluationRound.partnership_id)
            .order_by(Partnership.name, EvaluationRound.label)
        ).all()
        summaries = []
        for rnd in rounds:
            rated = session.exec(
                select(Response.proposal_id).where(Response.round_id == rnd.id, Response.rating.is_not(None))
            ).all()
            actions = session.exec(
                select(func.count(Action.id))
                .join(Response, Response.id == Action.response_id)
                .where(Response.round_id == rnd.id)
            ).one()
            summaries.append(
                RoundSummary(_info(session, rnd), len(local.intersection(rated)), len(local), actions)
            )
        return summaries


def _action_data(action: Action) -> ActionData:
    return ActionData(
        action=action.text,
        delivery=action.delivery,
        timescale=action.timescale,
        lead=action.lead,
        due_date=action.due_date_override,
        status=action.status,
        reference=action.reference,
    )


def load_round_by_id(engine: Engine, round_id: int, template: Template | None = None) -> ReturnData:
    """The whole round as plain values, responses in template order."""
    template = template or load_template()
    with transaction(engine) as session:
        rnd = _round(session, round_id)
        info = _info(session, rnd)
        responses = session.exec(select(Response).where(Response.round_id == round_id)).all()
        actions = session.exec(
            select(Action)
            .join(Response, Response.id == Action.response_id)
            .where(Response.round_id == round_id)
            .order_by(Action.response_id, Action.position, Action.id)
        ).all()
    by_response: dict[int, list[ActionData]] = {}
    for action in actions:
        by_response.setdefault(action.response_id, []).append(_action_data(action))
    data = ReturnData(
        partnership=info.partnership,
        round=info.label,
        contact=info.contact,
        completed_on=info.completed_on,
        status=info.status,
        ijb_meeting_date=info.ijb_meeting_date,
        minute_reference=info.minute_reference,
    )
    for response in sorted(responses, key=lambda r: template.order(r.proposal_id)):
        data.responses.append(
            ResponseData(
                proposal=response.proposal_id,
                rating=response.rating,
                previous_rating=response.previous_rating,
                evidence=response.evidence,
                actions=by_response.get(response.id, []),
            )
        )
    return data


def load_round(engine: Engine, partnership: str, label: str, template: Template | None = None) -> ReturnData:
    return load_round_by_id(engine, find_round(engine, partnership, label).id, template)


def actions_of(engine: Engine, round_id: int, proposal_id: str) -> list[tuple[int, ActionData]]:
    """(action id, values) for one proposal's actions, in order."""
    with transaction(engine) as session:
        rows = session.exec(
            select(Action)
            .join(Response, Response.id == Action.response_id)
            .where(Response.round_id == round_id, Response.proposal_id == proposal_id)
            .order_by(Action.position, Action.id)
        ).all()
        return [(row.id, _action_data(row)) for row in rows]


def round_events(engine: Engine, round_id: int) -> list[RoundEvent]:
    with transaction(engine) as session:
        return list(
            session.exec(select(RoundEvent).where(RoundEvent.round_id == round_id).order_by(RoundEvent.id))
        )


# --- guards -----------------------------------------------------------------


def _round(session: Session, round_id: int) -> EvaluationRound:
    rnd = session.get(EvaluationRound, round_id)
    if rnd is None:
        raise NotFoundError(f"no round with id {round_id}")
    return rnd


def _writable_round(session: Session, round_id: int) -> EvaluationRound:
    rnd = _round(session, round_id)
    if rnd.status == "approved":
        partnership = session.get(Partnership, rnd.partnership_id)
        raise RoundLockedError(LOCKED_MESSAGE.format(label=rnd.label, partnership=partnership.name))
    return rnd


def _check_local_proposal(proposal_id: str, template: Template) -> None:
    if not template.has_proposal(proposal_id):
        raise NotFoundError(f"there is no proposal {proposal_id} in the template")
    if not template.proposal(proposal_id).local:
        raise InputError(
            f"proposal {proposal_id} is not for local completion (national bodies responsible)"
        )


def _check_rating(rating: str | None) -> None:
    if rating is not None and rating not in RATINGS:
        raise InputError(f"unknown rating {rating!r}; expected one of {', '.join(RATINGS)}")


def _check_status(status: str) -> None:
    if status not in ACTION_STATUSES:
        raise InputError(f"unknown action status {status!r}; expected one of {', '.join(ACTION_STATUSES)}")


def _response(session: Session, round_id: int, proposal_id: str) -> Response:
    response = session.exec(
        select(Response).where(Response.round_id == round_id, Response.proposal_id == proposal_id)
    ).first()
    if response is None:
        response = Response(round_id=round_id, proposal_id=proposal_id)
        session.add(response)
        session.flush()
    return response


def _touch(rnd: EvaluationRound) -> None:
    rnd.updated_at = utcnow()


def _event(session: Session, round_id: int, kind: str, detail: str = "") -> None:
    session.add(RoundEvent(round_id=round_id, kind=kind, detail=detail))


# --- partnerships and rounds ----------------------------------------------------


def _partnership(session: Session, name: str) -> Partnership:
    name = name.strip()
    if not name:
        raise InputError("the partnership needs a name")
    found = session.exec(select(Partnership).where(Partnership.name == name)).first()
    if found is None:
        found = Partnership(name=name)
        session.add(found)
        session.flush()
    return found


def create_round(
    engine: Engine,
    partnership: str,
    label: str,
    contact: str = "",
    completed_on: date | None = None,
    previous_round_id: int | None = None,
    carry_forward: bool = False,
) -> RoundInfo:
    """Start a round.  With ``previous_round_id`` the previous ratings are
    copied beside the new ones, and with ``carry_forward`` the open actions
    (not complete, in place or superseded) are carried into it, linked to the
    originals and keeping their references."""
    label = label.strip()
    if not label:
        raise InputError("the round needs a name, e.g. the year \"2021\"")
    with transaction(engine) as session:
        owner = _partnership(session, partnership)
        if _find_round(session, owner.name, label) is not None:
            raise InputError(f"{owner.name} already has a round {label!r}")
        rnd = EvaluationRound(
            partnership_id=owner.id,
            label=label,
            contact=contact,
            completed_on=completed_on,
            previous_round_id=previous_round_id,
        )
        session.add(rnd)
        session.flush()
        _event(session, rnd.id, "created")
        if previous_round_id is not None:
            previous = _round(session, previous_round_id)
            if previous.partnership_id != owner.id:
                raise InputError("the previous round belongs to another partnership")
            _seed_from_previous(session, rnd, previous, carry_forward)
        return _info(session, rnd)


CLOSED_STATUSES = ("complete", "in_place", "superseded")


def _seed_from_previous(session: Session, rnd: EvaluationRound, previous: EvaluationRound, carry: bool) -> None:
    from msgdesk.store.models import ActionUpdate

    old_responses = session.exec(select(Response).where(Response.round_id == previous.id)).all()
    for old in old_responses:
        new = Response(round_id=rnd.id, proposal_id=old.proposal_id, previous_rating=old.rating)
        session.add(new)
        session.flush()
        if not carry:
            continue
        open_actions = session.exec(
            select(Action)
            .where(Action.response_id == old.id, Action.status.not_in(CLOSED_STATUSES))
            .order_by(Action.position, Action.id)
        ).all()
        for position, old_action in enumerate(open_actions):
            carried = Action(
                response_id=new.id,
                position=position,
                text=old_action.text,
                delivery=old_action.delivery,
                timescale=old_action.timescale,
                due_date_override=old_action.due_date_override,
                lead=old_action.lead,
                status=old_action.status,
                reference=old_action.reference,
                carried_from_id=old_action.id,
            )
            session.add(carried)
            session.flush()
            session.add(
                ActionUpdate(
                    action_id=carried.id,
                    on_date=date.today(),
                    kind="carried_forward",
                    text=f"Carried forward from round {previous.label}",
                    status_after=carried.status,
                )
            )
    _event(session, rnd.id, "started_from_previous", f"round {previous.label}")


def update_round(engine: Engine, round_id: int, *, contact: str | None = None, completed_on: date | None = None,
                 clear_completed_on: bool = False) -> RoundInfo:
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        if contact is not None:
            rnd.contact = contact
        if completed_on is not None:
            rnd.completed_on = completed_on
        elif clear_completed_on:
            rnd.completed_on = None
        _touch(rnd)
        session.add(rnd)
        return _info(session, rnd)


def mark_ready(engine: Engine, round_id: int) -> RoundInfo:
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        rnd.status = "ready"
        _touch(rnd)
        session.add(rnd)
        _event(session, round_id, "marked_ready")
        return _info(session, rnd)


def mark_draft(engine: Engine, round_id: int) -> RoundInfo:
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        rnd.status = "draft"
        _touch(rnd)
        session.add(rnd)
        _event(session, round_id, "marked_draft")
        return _info(session, rnd)


def approve(engine: Engine, round_id: int, meeting_date: date, minute_reference: str) -> RoundInfo:
    """Record the IJB's approval; the round becomes read-only."""
    if not minute_reference.strip():
        raise InputError("record the minute reference of the IJB meeting that approved the return")
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        rnd.status = "approved"
        rnd.ijb_meeting_date = meeting_date
        rnd.minute_reference = minute_reference.strip()
        _touch(rnd)
        session.add(rnd)
        _event(session, round_id, "approved", f"IJB {meeting_date.isoformat()}, minute {rnd.minute_reference}")
        return _info(session, rnd)


def reopen(engine: Engine, round_id: int, reason: str) -> RoundInfo:
    """Reopen an approved round for amendment: a deliberate act, recorded with its reason."""
    if not reason.strip():
        raise InputError("say why the approved round is being reopened; the reason is recorded")
    with transaction(engine) as session:
        rnd = _round(session, round_id)
        if rnd.status != "approved":
            raise InputError(f"round {rnd.label} is not approved; there is nothing to reopen")
        rnd.status = "draft"
        _touch(rnd)
        session.add(rnd)
        _event(
            session,
            round_id,
            "reopened",
            f"{reason.strip()} (was approved at IJB {rnd.ijb_meeting_date}, minute {rnd.minute_reference})",
        )
        return _info(session, rnd)


# --- responses --------------------------------------------------------------------


def set_rating(engine: Engine, round_id: int, proposal_id: str, rating: str | None,
               template: Template | None = None) -> None:
    _check_local_proposal(proposal_id, template or load_template())
    _check_rating(rating)
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        response = _response(session, round_id, proposal_id)
        response.rating = rating
        response.updated_at = utcnow()
        session.add(response)
        _touch(rnd)


def set_previous_rating(engine: Engine, round_id: int, proposal_id: str, rating: str | None,
                        template: Template | None = None) -> None:
    _check_local_proposal(proposal_id, template or load_template())
    _check_rating(rating)
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        response = _response(session, round_id, proposal_id)
        response.previous_rating = rating
        session.add(response)
        _touch(rnd)


def set_evidence(engine: Engine, round_id: int, proposal_id: str, evidence: str,
                 template: Template | None = None) -> None:
    _check_local_proposal(proposal_id, template or load_template())
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        response = _response(session, round_id, proposal_id)
        response.evidence = evidence
        response.updated_at = utcnow()
        session.add(response)
        _touch(rnd)


# --- actions ---------------------------------------------------------------------


def _next_reference(session: Session, rnd: EvaluationRound, proposal_id: str) -> str:
    prefix = f"{rnd.label}-{proposal_id}-"
    existing = session.exec(
        select(Action.reference)
        .join(Response, Response.id == Action.response_id)
        .where(Response.round_id == rnd.id, Action.reference.startswith(prefix))
    ).all()
    numbers = [int(ref[len(prefix):]) for ref in existing if ref[len(prefix):].isdigit()]
    return f"{prefix}{max(numbers, default=0) + 1}"


def _action_row(response_id: int, position: int, data: ActionData, reference: str) -> Action:
    """A new action row; with no status of its own it starts from its timescale."""
    status = data.status if data.status and data.status != "not_started" else initial_status(data.timescale)
    _check_status(status)
    return Action(
        response_id=response_id,
        position=position,
        text=data.action,
        delivery=data.delivery,
        timescale=data.timescale,
        due_date_override=data.due_date,
        lead=data.lead,
        status=status,
        reference=reference,
    )


def _insert_action(session: Session, rnd: EvaluationRound, response: Response, data: ActionData,
                   position: int | None) -> Action:
    siblings = session.exec(
        select(Action).where(Action.response_id == response.id).order_by(Action.position, Action.id)
    ).all()
    if position is None or position > len(siblings):
        position = len(siblings)
    position = max(0, position)
    for index, sibling in enumerate(siblings):
        wanted = index if index < position else index + 1
        if sibling.position != wanted:
            sibling.position = wanted
            session.add(sibling)
    action = _action_row(response.id, position, data, data.reference or _next_reference(session, rnd, response.proposal_id))
    session.add(action)
    session.flush()
    return action


def add_action(engine: Engine, round_id: int, proposal_id: str, data: ActionData | None = None,
               position: int | None = None, template: Template | None = None) -> int:
    """Add an action (at the end, or at ``position``); returns its id."""
    _check_local_proposal(proposal_id, template or load_template())
    with transaction(engine) as session:
        rnd = _writable_round(session, round_id)
        response = _response(session, round_id, proposal_id)
        action = _insert_action(session, rnd, response, data or ActionData(action=""), position)
        _touch(rnd)
        return action.id


def _action_and_round(session: Session, action_id: int) -> tuple[Action, EvaluationRound, Response]:
    action = session.get(Action, action_id)
    if action is None:
        raise NotFoundError(f"no action with id {action_id}")
    response = session.get(Response, action.response_id)
    return action, _round(session, response.round_id), response


CONTENT_FIELDS = {"action": "text", "delivery": "delivery", "timescale": "timescale"}
TRACKING_FIELDS = {"lead": "lead", "due_date": "due_date_override", "status": "status"}


def update_action(engine: Engine, action_id: int, **values) -> ActionData:
    """Change fields of an action: ``action``, ``delivery``, ``timescale``
    (the return's content, locked once approved) and ``lead``, ``due_date``,
    ``status`` (tracking, editable after approval)."""
    unknown = set(values) - set(CONTENT_FIELDS) - set(TRACKING_FIELDS)
    if unknown:
        raise InputError(f"unknown action field(s): {', '.join(sorted(unknown))}")
    if "status" in values:
        _check_status(values["status"])
    with transaction(engine) as session:
        action, rnd, _response_row = _action_and_round(session, action_id)
        if set(values) & set(CONTENT_FIELDS):
            _writable_round(session, rnd.id)
        for key, value in values.items():
            column = CONTENT_FIELDS.get(key) or TRACKING_FIELDS[key]
            setattr(action, column, value if value is not None or key == "due_date" else "")
        action.updated_at = utcnow()
        session.add(action)
        _touch(rnd)
        return _action_data(action)


@dataclass(frozen=True)
class DeletedAction:
    """What ``delete_action`` removed, enough for ``restore_action`` to undo it."""

    round_id: int
    proposal_id: str
    position: int
    data: ActionData


def delete_action(engine: Engine, action_id: int) -> DeletedAction:
    with transaction(engine) as session:
        action, rnd, response = _action_and_round(session, action_id)
        _writable_round(session, rnd.id)
        deleted = DeletedAction(rnd.id, response.proposal_id, action.position, _action_data(action))
        session.delete(action)
        session.flush()
        _renumber(session, response.id)
        _touch(rnd)
        return deleted


def restore_action(engine: Engine, deleted: DeletedAction) -> int:
    """Undo a deletion: the action comes back at its place with its reference."""
    with transaction(engine) as session:
        rnd = _writable_round(session, deleted.round_id)
        response = _response(session, rnd.id, deleted.proposal_id)
        action = _insert_action(session, rnd, response, deleted.data, deleted.position)
        _touch(rnd)
        return action.id


def _renumber(session: Session, response_id: int) -> None:
    rows = session.exec(
        select(Action).where(Action.response_id == response_id).order_by(Action.position, Action.id)
    ).all()
    for index, row in enumerate(rows):
        if row.position != index:
            row.position = index
            session.add(row)


def move_action(engine: Engine, action_id: int, new_position: int) -> None:
    """Move an action to ``new_position`` among its proposal's actions."""
    with transaction(engine) as session:
        action, rnd, response = _action_and_round(session, action_id)
        _writable_round(session, rnd.id)
        rows = [
            row
            for row in session.exec(
                select(Action).where(Action.response_id == response.id).order_by(Action.position, Action.id)
            ).all()
            if row.id != action.id
        ]
        new_position = max(0, min(new_position, len(rows)))
        rows.insert(new_position, action)
        for index, row in enumerate(rows):
            if row.position != index:
                row.position = index
                session.add(row)
        _touch(rnd)


# --- whole returns -------------------------------------------------------------


def import_return(engine: Engine, data: ReturnData, replace: bool = False,
                  template: Template | None = None) -> RoundInfo:
    """Store a whole return in one transaction: all of it or none of it.

    An existing round is refused unless ``replace``; an approved round is
    never replaced.  ``data`` must already be validated (``msgdesk.returnfile``).
    """
    template = template or load_template()
    for response in data.responses:
        _check_local_proposal(response.proposal, template)
    with transaction(engine) as session:
        owner = _partnership(session, data.partnership)
        existing = _find_round(session, owner.name, data.round)
        if existing is not None:
            if existing.status == "approved":
                raise RoundLockedError(
                    f"round {data.round} of {owner.name} has been approved by the IJB and cannot be replaced"
                )
            if not replace:
                raise InputError(
                    f"{owner.name} already has a round {data.round}; use --replace to replace it"
                )
            for old in session.exec(select(Response).where(Response.round_id == existing.id)).all():
                session.delete(old)
            session.flush()
            rnd = existing
            rnd.contact = data.contact
            rnd.completed_on = data.completed_on
            rnd.status = "draft"
            _touch(rnd)
            session.add(rnd)
            _event(session, rnd.id, "replaced_by_import")
        else:
            rnd = EvaluationRound(
                partnership_id=owner.id, label=data.round, contact=data.contact, completed_on=data.completed_on
            )
            session.add(rnd)
            session.flush()
            _event(session, rnd.id, "imported")
        for item in data.responses:
            response = Response(
                round_id=rnd.id,
                proposal_id=item.proposal,
                rating=item.rating,
                previous_rating=item.previous_rating,
                evidence=item.evidence,
            )
            session.add(response)
            session.flush()
            # A fresh response: positions and references follow the file's order.
            for number, action in enumerate(item.actions, start=1):
                reference = action.reference or f"{rnd.label}-{item.proposal}-{number}"
                session.add(_action_row(response.id, number - 1, action, reference))
        return _info(session, rnd)
