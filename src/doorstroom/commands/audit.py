"""``doorstroom audit verify``: check that the audit trail is intact."""

from __future__ import annotations

import argparse
import sys


def register(subparsers: argparse._SubParsersAction) -> None:
    parser = subparsers.add_parser("audit", help="work with the audit trail")
    inner = parser.add_subparsers(dest="audit_command", metavar="ACTION")
    inner.required = True
    verify = inner.add_parser(
        "verify",
        help="recompute the hash chain and report every broken entry",
        description=(
            "Recompute the hash of every audit entry and check that each carries the "
            "hash of the one before. Exit 0 when the chain is intact, 1 when an entry "
            "was changed, removed or inserted."
        ),
    )
    verify.set_defaults(func=run_verify)


def run_verify(args: argparse.Namespace) -> int:
    from doorstroom.conf import setup_django

    setup_django()
    from doorstroom.apps.audit_events.models import AuditEvent
    from doorstroom.apps.audit_events.services import verify_chain

    problems = verify_chain()
    total = AuditEvent.objects.count()
    if problems:
        print(
            f"Audittrail NIET intact: {len(problems)} probleem/problemen in {total} "
            f"regels (audit trail broken).",
            file=sys.stderr,
        )
        for problem in problems:
            print(f"- entry {problem.sequence}: {problem.message}", file=sys.stderr)
        return 1
    print(f"Audittrail intact: {total} regels (audit trail intact: {total} entries).")
    return 0
