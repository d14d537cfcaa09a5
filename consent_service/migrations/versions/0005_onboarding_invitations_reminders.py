"""onboarding, invitations, reminders

Revision ID: 0005
Revises: 0004
Create Date: 2026-11-25 19:37:41.266005
"""

import sqlalchemy as sa
from alembic import op

from consent_service.db import UTCDateTime

revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sent_reminders',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.String(length=36), nullable=False),
    sa.Column('occurrence', sa.String(length=80), nullable=False),
    sa.Column('sent_at', UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sent_reminders')),
    sa.UniqueConstraint('kind', 'subject_id', 'occurrence', name=op.f('uq_sent_reminders_kind_subject_id_occurrence'))
    )
    op.create_table('invitations',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('client_id', sa.String(length=36), nullable=False),
    sa.Column('panel_ref', sa.String(length=100), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=True),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.Column('outbox_message_id', sa.String(length=36), nullable=True),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('accepted_at', UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IN ('member', 'guest')", name=op.f('ck_invitations_role')),
    sa.ForeignKeyConstraint(['client_id'], ['api_clients.id'], name=op.f('fk_invitations_client_id_api_clients')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_invitations_network_id_networks')),
    sa.ForeignKeyConstraint(['outbox_message_id'], ['outbox_messages.id'], name=op.f('fk_invitations_outbox_message_id_outbox_messages')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_invitations'))
    )
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_invitations_client_id'), ['client_id'], unique=False)

    op.create_table('access_requests',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('status', sa.String(length=16), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('profession', sa.String(length=32), nullable=True),
    sa.Column('registration_number', sa.String(length=64), nullable=False),
    sa.Column('hospital_id', sa.String(length=36), nullable=True),
    sa.Column('hospital_other', sa.String(length=200), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=True),
    sa.Column('role', sa.String(length=8), nullable=True),
    sa.Column('reason', sa.Text(), nullable=False),
    sa.Column('confidentiality_accepted_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('sponsor_email', sa.String(length=254), nullable=True),
    sa.Column('sponsor_name', sa.String(length=150), nullable=False),
    sa.Column('sponsor_confirmed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('sponsor_declined_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('flagged_fields', sa.JSON(), nullable=False),
    sa.Column('invitation_id', sa.String(length=36), nullable=True),
    sa.Column('submissions', sa.Integer(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('updated_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('verified_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('submitted_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('waiting_since', UTCDateTime(timezone=True), nullable=True),
    sa.Column('decided_at', UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("role IS NULL OR role IN ('member', 'guest')", name=op.f('ck_access_requests_role')),
    sa.CheckConstraint("status IN ('draft', 'email_verified', 'submitted', 'returned', 'resubmitted', 'approved', 'rejected')", name=op.f('ck_access_requests_status')),
    sa.ForeignKeyConstraint(['hospital_id'], ['hospitals.id'], name=op.f('fk_access_requests_hospital_id_hospitals')),
    sa.ForeignKeyConstraint(['invitation_id'], ['invitations.id'], name=op.f('fk_access_requests_invitation_id_invitations')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_access_requests_network_id_networks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_requests'))
    )
    with op.batch_alter_table('access_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_requests_email'), ['email'], unique=False)
        batch_op.create_index('ix_access_requests_status_waiting_since', ['status', 'waiting_since'], unique=False)

    op.create_table('access_request_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('kind', sa.String(length=32), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('reason_codes', sa.JSON(), nullable=False),
    sa.Column('fields', sa.JSON(), nullable=False),
    sa.Column('message', sa.Text(), nullable=False),
    sa.ForeignKeyConstraint(['request_id'], ['access_requests.id'], name=op.f('fk_access_request_events_request_id_access_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_access_request_events'))
    )
    with op.batch_alter_table('access_request_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_access_request_events_request_id'), ['request_id'], unique=False)

    op.create_table('professionals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('email', sa.String(length=254), nullable=False),
    sa.Column('name', sa.String(length=150), nullable=False),
    sa.Column('hospital_id', sa.String(length=36), nullable=True),
    sa.Column('hospital_name', sa.String(length=200), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('role', sa.String(length=8), nullable=False),
    sa.Column('approved_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('revoked_at', UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hospital_id'], ['hospitals.id'], name=op.f('fk_professionals_hospital_id_hospitals')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_professionals_network_id_networks')),
    sa.ForeignKeyConstraint(['request_id'], ['access_requests.id'], name=op.f('fk_professionals_request_id_access_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_professionals')),
    sa.UniqueConstraint('request_id', name=op.f('uq_professionals_request_id'))
    )
    with op.batch_alter_table('professionals', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_professionals_email'), ['email'], unique=False)
        batch_op.create_index(batch_op.f('ix_professionals_network_id'), ['network_id'], unique=False)

    # Coordinators' networks were plain codes until now; every code written by `flask staff
    # create` came from the directory's list, so the constraint holds for existing rows.
    with op.batch_alter_table('staff_members', schema=None) as batch_op:
        batch_op.create_foreign_key(batch_op.f('fk_staff_members_network_code_networks'), 'networks', ['network_code'], ['code'])



def downgrade() -> None:
    with op.batch_alter_table('staff_members', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('fk_staff_members_network_code_networks'), type_='foreignkey')

    with op.batch_alter_table('professionals', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_professionals_network_id'))
        batch_op.drop_index(batch_op.f('ix_professionals_email'))

    op.drop_table('professionals')
    with op.batch_alter_table('access_request_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_access_request_events_request_id'))

    op.drop_table('access_request_events')
    with op.batch_alter_table('access_requests', schema=None) as batch_op:
        batch_op.drop_index('ix_access_requests_status_waiting_since')
        batch_op.drop_index(batch_op.f('ix_access_requests_email'))

    op.drop_table('access_requests')
    with op.batch_alter_table('invitations', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_invitations_client_id'))

    op.drop_table('invitations')
    op.drop_table('sent_reminders')
