"""initial schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25 17:37:22.204485
"""

import sqlalchemy as sa
from alembic import op

from consent_service.db import UTCDateTime

revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('api_clients',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('name', sa.String(length=80), nullable=False),
    sa.Column('key_hash', sa.String(length=64), nullable=False),
    sa.Column('scopes', sa.JSON(), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('revoked_at', UTCDateTime(timezone=True), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_api_clients')),
    sa.UniqueConstraint('key_hash', name=op.f('uq_api_clients_key_hash'))
    )
    op.create_table('audit_events',
    sa.Column('id', sa.Integer(), autoincrement=True, nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('action', sa.String(length=64), nullable=False),
    sa.Column('subject_type', sa.String(length=32), nullable=False),
    sa.Column('subject_id', sa.String(length=64), nullable=False),
    sa.Column('actor', sa.String(length=80), nullable=False),
    sa.Column('data', sa.Text(), nullable=False),
    sa.Column('prev_hash', sa.String(length=64), nullable=False),
    sa.Column('hash', sa.String(length=64), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_events')),
    sa.UniqueConstraint('hash', name=op.f('uq_audit_events_hash')),
    sa.UniqueConstraint('prev_hash', name=op.f('uq_audit_events_prev_hash'))
    )
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_events_subject_id'), ['subject_id'], unique=False)

    op.create_table('hospitals',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('country', sa.String(length=2), nullable=False),
    sa.Column('city', sa.String(length=100), nullable=False),
    sa.Column('dpo_contact', sa.String(length=200), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hospitals')),
    sa.UniqueConstraint('code', name=op.f('uq_hospitals_code'))
    )
    op.create_table('consent_requests',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('patient_ref', sa.String(length=64), nullable=False),
    sa.Column('hospital_id', sa.String(length=36), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('form_id', sa.String(length=64), nullable=False),
    sa.Column('requested_by', sa.String(length=80), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['hospital_id'], ['hospitals.id'], name=op.f('fk_consent_requests_hospital_id_hospitals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_requests'))
    )
    with op.batch_alter_table('consent_requests', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_requests_patient_ref'), ['patient_ref'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('request_id', sa.String(length=36), nullable=False),
    sa.Column('receipt_id', sa.String(length=20), nullable=False),
    sa.Column('patient_ref', sa.String(length=64), nullable=False),
    sa.Column('hospital_id', sa.String(length=36), nullable=False),
    sa.Column('form_id', sa.String(length=64), nullable=False),
    sa.Column('form_version', sa.Integer(), nullable=False),
    sa.Column('language', sa.String(length=8), nullable=False),
    sa.Column('text_sha256', sa.String(length=64), nullable=False),
    sa.Column('decision', sa.String(length=16), nullable=False),
    sa.Column('care', sa.Boolean(), nullable=False),
    sa.Column('registry', sa.Boolean(), nullable=False),
    sa.Column('research_contact', sa.Boolean(), nullable=False),
    sa.Column('quiz_answers', sa.JSON(), nullable=False),
    sa.Column('signer_role', sa.String(length=16), nullable=False),
    sa.Column('signer_name', sa.String(length=200), nullable=False),
    sa.Column('signer_relationship', sa.String(length=100), nullable=True),
    sa.Column('child_name', sa.String(length=200), nullable=True),
    sa.Column('child_birth_date', sa.Date(), nullable=True),
    sa.Column('signed_at', UTCDateTime(timezone=True), nullable=False),
    sa.Column('changed_at', UTCDateTime(timezone=True), nullable=True),
    sa.Column('withdrawn_at', UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['hospital_id'], ['hospitals.id'], name=op.f('fk_consents_hospital_id_hospitals')),
    sa.ForeignKeyConstraint(['request_id'], ['consent_requests.id'], name=op.f('fk_consents_request_id_consent_requests')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents')),
    sa.UniqueConstraint('receipt_id', name=op.f('uq_consents_receipt_id')),
    sa.UniqueConstraint('request_id', name=op.f('uq_consents_request_id'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consents_patient_ref'), ['patient_ref'], unique=False)

    op.create_table('consent_events',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('consent_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.Column('choices', sa.JSON(), nullable=False),
    sa.Column('at', UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consents.id'], name=op.f('fk_consent_events_consent_id_consents')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consent_events'))
    )
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_consent_events_consent_id'), ['consent_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('consent_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_events_consent_id'))

    op.drop_table('consent_events')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consents_patient_ref'))

    op.drop_table('consents')
    with op.batch_alter_table('consent_requests', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_consent_requests_patient_ref'))

    op.drop_table('consent_requests')
    op.drop_table('hospitals')
    with op.batch_alter_table('audit_events', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_events_subject_id'))

    op.drop_table('audit_events')
    op.drop_table('api_clients')
