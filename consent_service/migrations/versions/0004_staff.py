"""staff accounts

Revision ID: 0004
Revises: 0003
Create Date: 2026-11-25 19:00:00.000000
"""

import sqlalchemy as sa
from alembic import op

from consent_service.db import UTCDateTime

revision = '0004'
down_revision = '0003'
branch_labels = None
depends_on = None


def upgrade() -> None:
    # network_code holds a directory network's code; a foreign key to networks.code can follow.
    op.create_table('staff_members',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('password_hash', sa.String(length=200), nullable=False),
    sa.Column('role', sa.String(length=16), nullable=False),
    sa.Column('network_code', sa.String(length=32), nullable=True),
    sa.Column('totp_secret', sa.String(length=64), nullable=True),
    sa.Column('totp_last_step', sa.Integer(), nullable=True),
    sa.Column('session_version', sa.Integer(), nullable=False),
    sa.Column('failed_logins', sa.Integer(), nullable=False),
    sa.Column('locked_until', UTCDateTime(timezone=True), nullable=True),
    sa.Column('last_login_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('disabled_at', UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('admin', 'helpdesk', 'coordinator')", name=op.f('ck_staff_members_role')),
    sa.CheckConstraint("role <> 'coordinator' OR network_code IS NOT NULL", name=op.f('ck_staff_members_coordinator_network')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_staff_members')),
    sa.UniqueConstraint('email', name=op.f('uq_staff_members_email'))
    )


def downgrade() -> None:
    op.drop_table('staff_members')
