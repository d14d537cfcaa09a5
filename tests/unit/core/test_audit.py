"""audit.py: the hash chain detects edited, inserted and deleted rows."""

from sqlalchemy import delete, select, update

from consent_service import audit
from consent_service.audit import AuditEvent


def write_three(db):
    for number in range(3):
        audit.record(db, "test.happened", "thing", f"id-{number}", "test", n=number)
    db.commit()


def test_intact_chain_verifies(db):
    write_three(db)
    report = audit.verify_chain(db)
    assert report.ok and report.rows == 3


def test_each_row_links_to_the_previous_hash(db):
    write_three(db)
    rows = db.scalars(select(AuditEvent).order_by(AuditEvent.id)).all()
    assert rows[0].prev_hash == audit.GENESIS
    assert [r.prev_hash for r in rows[1:]] == [r.hash for r in rows[:-1]]


def test_edited_row_is_detected(db):
    write_three(db)
    second = db.scalars(select(AuditEvent).order_by(AuditEvent.id).offset(1)).first()
    db.execute(update(AuditEvent).where(AuditEvent.id == second.id).values(actor="someone"))
    db.commit()
    db.expire_all()
    report = audit.verify_chain(db)
    assert not report.ok and report.broken_at == second.id


def test_deleted_row_is_detected(db):
    write_three(db)
    second, third = db.scalars(select(AuditEvent).order_by(AuditEvent.id).offset(1)).all()
    db.execute(delete(AuditEvent).where(AuditEvent.id == second.id))
    db.commit()
    report = audit.verify_chain(db)
    assert not report.ok and report.broken_at == third.id


def test_cli_reports_intact_and_broken(db, runner):
    write_three(db)
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 0 and "intact: 3 rows" in result.output
    db.execute(update(AuditEvent).values(action="changed"))
    db.commit()
    result = runner.invoke(args=["audit", "verify"])
    assert result.exit_code == 1 and "BROKEN" in result.output
