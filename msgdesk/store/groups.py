"""Comparator groups, kept and changed through ``Workspace.groups``.

A comparator group is a named set of partnerships ("Island authorities": Orkney,
Shetland, Western Isles) kept in the database, so that the collator, the window and the
appendix's "Where we stand" page all mean the same set.  Members are partnerships the
database knows (one of their returns has been imported); a name may be given in part
("Orkney") when only one partnership's name contains it.

The reads (the groups, the partnerships, the comparison of returns) are
``msgdesk.store.comparison_reads``, shared with ``msgdesk collate``'s reader.
"""

from __future__ import annotations

from collections.abc import Sequence

from sqlalchemy import delete, select
from sqlalchemy.orm import Session

from msgdesk.collation.facts import GroupInfo
from msgdesk.domain.errors import InputError, NotFoundError
from msgdesk.domain.names import match_names, name_key, sort_names
from msgdesk.domain.template import Template
from msgdesk.domain.text import MAX_NAME, text_problems
from msgdesk.store.comparison_reads import ComparisonReads, read_groups
from msgdesk.store.models import ComparatorGroup, ComparatorGroupMember, Partnership, utcnow
from msgdesk.store.session import Transactions, runner


def _check_group_name(name: str) -> str:
    problems = text_problems(name, limit=MAX_NAME, single_line=True)
    if problems:
        raise InputError(f"the group's name: {problems[0]}")
    name = " ".join(name.split())
    if not name:
        raise InputError('the group needs a name, e.g. "Island authorities"')
    return name


class GroupsRepository(ComparisonReads):
    """Comparator groups kept and changed, and (from ``ComparisonReads``) the reads that
    compare partnerships' returns, through the store's engine."""

    def __init__(self, tx: Transactions, template: Template):
        super().__init__(tx.reading, template)
        self._tx = tx

    @staticmethod
    def _find_group(session: Session, name: str) -> ComparatorGroup | None:
        key = name_key(name)
        return next((g for g in session.scalars(select(ComparatorGroup)) if name_key(g.name) == key), None)

    def set_group(self, name: str, partnerships: Sequence[str], *, was: str | None = None) -> GroupInfo:
        """Create the group ``name``, or give it exactly these members; with ``was``, the
        group of that name is renamed ``name`` in the same step."""
        name = _check_group_name(name)
        with self._tx() as session:
            known = list(session.scalars(select(Partnership.name)))
            members = match_names(partnerships, known)
            if not members:
                raise InputError(f"say which partnerships are in {name!r} (--partnerships NAME ...)")
            group = self._find_group(session, name)
            if was is not None:
                renamed = self._find_group(session, was)
                if renamed is None:
                    raise NotFoundError(f"there is no comparator group {was!r}")
                if group is not None and group.id != renamed.id:
                    raise InputError(f"there is a group called {group.name!r} already")
                group = renamed
            if group is None:
                group = ComparatorGroup(name=name)
                session.add(group)
                session.flush()
            else:
                group.name = name
                group.updated_at = utcnow()
                session.execute(delete(ComparatorGroupMember).where(ComparatorGroupMember.group_id == group.id))
            ids = dict(session.execute(select(Partnership.name, Partnership.id).where(Partnership.name.in_(members)))
                       .all())
            session.add_all(ComparatorGroupMember(group_id=group.id, partnership_id=ids[m]) for m in members)
            session.flush()
            return GroupInfo(group.id, group.name, tuple(sort_names(members)))

    def rename_group(self, old: str, new: str) -> GroupInfo:
        new = _check_group_name(new)
        with self._tx() as session:
            group = self._find_group(session, old)
            if group is None:
                raise NotFoundError(f"there is no comparator group {old!r}")
            other = self._find_group(session, new)
            if other is not None and other.id != group.id:
                raise InputError(f"there is a group called {other.name!r} already")
            group.name = new
            group.updated_at = utcnow()
            session.flush()
            return next(g for g in read_groups(runner(session)) if g.id == group.id)

    def delete_group(self, name: str) -> str:
        """Delete the group (its partnerships stay); returns its name as it was kept."""
        with self._tx() as session:
            group = self._find_group(session, name)
            if group is None:
                raise NotFoundError(f"there is no comparator group {name!r}")
            kept = group.name
            session.delete(group)
            return kept
