"""directory: networks, hospital email domains and memberships, hospital search text

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-25 18:35:23.599263
"""

import sqlalchemy as sa
from alembic import op

from consent_service.db import UTCDateTime, new_id, utcnow
from consent_service.directory.erns import NETWORKS
from consent_service.directory.normalise import search_text

revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None


def upgrade() -> None:
    networks = op.create_table('networks',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('code', sa.String(length=32), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('created_at', UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_networks')),
    sa.UniqueConstraint('code', name=op.f('uq_networks_code'))
    )
    op.create_table('hospital_domains',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hospital_id', sa.String(length=36), nullable=False),
    sa.Column('domain', sa.String(length=255), nullable=False),
    sa.ForeignKeyConstraint(['hospital_id'], ['hospitals.id'], name=op.f('fk_hospital_domains_hospital_id_hospitals')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hospital_domains')),
    sa.UniqueConstraint('hospital_id', 'domain', name=op.f('uq_hospital_domains_hospital_id_domain'))
    )
    with op.batch_alter_table('hospital_domains', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hospital_domains_domain'), ['domain'], unique=False)

    op.create_table('hospital_memberships',
    sa.Column('id', sa.String(length=36), nullable=False),
    sa.Column('hospital_id', sa.String(length=36), nullable=False),
    sa.Column('network_id', sa.String(length=36), nullable=False),
    sa.Column('kind', sa.String(length=16), nullable=False),
    sa.CheckConstraint("kind IN ('member', 'partner')", name=op.f('ck_hospital_memberships_kind')),
    sa.ForeignKeyConstraint(['hospital_id'], ['hospitals.id'], name=op.f('fk_hospital_memberships_hospital_id_hospitals')),
    sa.ForeignKeyConstraint(['network_id'], ['networks.id'], name=op.f('fk_hospital_memberships_network_id_networks')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_hospital_memberships')),
    sa.UniqueConstraint('hospital_id', 'network_id', name=op.f('uq_hospital_memberships_hospital_id_network_id'))
    )
    with op.batch_alter_table('hospital_memberships', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_hospital_memberships_network_id'), ['network_id'], unique=False)

    # A plain ADD COLUMN (with a default, which SQLite needs for NOT NULL): rebuilding the
    # hospitals table would fight the foreign keys that consents hold on it.
    op.add_column('hospitals', sa.Column('search_text', sa.Text(), server_default='', nullable=False))

    # Data: the 24 networks exist from the start (later changes come from ensure_networks), and
    # hospitals created before this revision get their search text.
    now = utcnow()
    op.bulk_insert(networks, [{'id': new_id(), 'code': code, 'name': name, 'created_at': now}
                              for code, name in NETWORKS])
    hospitals = sa.table('hospitals', sa.column('id', sa.String), sa.column('code', sa.String),
                         sa.column('name', sa.String), sa.column('city', sa.String),
                         sa.column('search_text', sa.Text))
    conn = op.get_bind()
    for row in conn.execute(sa.select(hospitals.c.id, hospitals.c.name, hospitals.c.city, hospitals.c.code)).all():
        conn.execute(hospitals.update().where(hospitals.c.id == row.id)
                     .values(search_text=search_text(row.name, row.city, row.code)))


def downgrade() -> None:
    op.drop_column('hospitals', 'search_text')
    with op.batch_alter_table('hospital_memberships', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hospital_memberships_network_id'))

    op.drop_table('hospital_memberships')
    with op.batch_alter_table('hospital_domains', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_hospital_domains_domain'))

    op.drop_table('hospital_domains')
    op.drop_table('networks')
