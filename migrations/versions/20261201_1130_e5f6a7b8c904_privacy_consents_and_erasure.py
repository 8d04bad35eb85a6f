"""privacy: consent ledger, exports, erasure records

Revision ID: e5f6a7b8c904
Revises: d4e5f6a7b803
Create Date: 2026-12-01 11:00:00

Policy versions, data exports, erasure records (no personal data), the suppression list of
erased account ids, guardian consents, retention notices and anonymous application counts.
New tables only: the previous release's code never reads them.
Reviewed: each migration must work while the previous release's code still runs.
"""
from alembic import op
import sqlalchemy as sa

import core.db

# revision identifiers, used by Alembic.
revision = 'e5f6a7b8c904'
down_revision = 'd4e5f6a7b803'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('privacy_erasures',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('receipt_id', sa.String(length=32), nullable=False),
    sa.Column('reason', sa.String(length=20), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('requested_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('deadline_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('completed_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('last_error', sa.String(length=40), nullable=True),
    sa.Column('next_attempt_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('categories', sa.JSON(), nullable=False),
    sa.Column('pending_keys', sa.JSON(), nullable=False),
    sa.CheckConstraint("reason IN ('cancellation', 'retention', 'reapply', 'admin')", name=op.f('ck_privacy_erasures_reason_valid')),
    sa.CheckConstraint("status IN ('pending', 'done')", name=op.f('ck_privacy_erasures_status_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_erasures')),
    sa.UniqueConstraint('receipt_id', name=op.f('uq_privacy_erasures_receipt_id'))
    )
    with op.batch_alter_table('privacy_erasures', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_erasures_status'), ['status'], unique=False)

    op.create_table('privacy_policy_versions',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('version', sa.String(length=20), nullable=False),
    sa.Column('is_material', sa.Boolean(), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('published_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_policy_versions')),
    sa.UniqueConstraint('version', name=op.f('uq_privacy_policy_versions_version'))
    )
    with op.batch_alter_table('privacy_policy_versions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_policy_versions_published_dt'), ['published_dt'], unique=False)

    op.create_table('privacy_suppressions',
    sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('erased_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_privacy_suppressions'))
    )
    op.create_table('privacy_application_counts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('job_id', sa.Integer(), nullable=False),
    sa.Column('stage', sa.String(length=20), nullable=False),
    sa.Column('period', sa.String(length=7), nullable=False),
    sa.Column('count', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['job_id'], ['jobs.id'], name=op.f('fk_privacy_application_counts_job_id_jobs'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_application_counts')),
    sa.UniqueConstraint('job_id', 'stage', 'period', name='uq_privacy_application_counts_key')
    )
    with op.batch_alter_table('privacy_application_counts', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_application_counts_job_id'), ['job_id'], unique=False)

    op.create_table('privacy_exports',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('public_id', sa.String(length=43), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('progress', sa.Integer(), nullable=False),
    sa.Column('storage_key', sa.String(length=80), nullable=True),
    sa.Column('size_bytes', sa.Integer(), nullable=True),
    sa.Column('error_code', sa.String(length=40), nullable=True),
    sa.Column('created_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('finished_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('expires_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('downloaded_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("status IN ('queued', 'running', 'ready', 'failed', 'downloaded', 'expired')", name=op.f('ck_privacy_exports_status_valid')),
    sa.CheckConstraint('progress >= 0 AND progress <= 100', name=op.f('ck_privacy_exports_progress_range')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_privacy_exports_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_exports')),
    sa.UniqueConstraint('public_id', name=op.f('uq_privacy_exports_public_id')),
    sa.UniqueConstraint('storage_key', name=op.f('uq_privacy_exports_storage_key'))
    )
    with op.batch_alter_table('privacy_exports', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_exports_user_id'), ['user_id'], unique=False)

    op.create_table('privacy_retention_notices',
    sa.Column('user_id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('notified_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('purge_after_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('kept_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_privacy_retention_notices_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('user_id', name=op.f('pk_privacy_retention_notices'))
    )
    op.create_table('privacy_guardian_consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('consent_id', sa.Integer(), nullable=True),
    sa.Column('phone_index', sa.String(length=64), nullable=False),
    sa.Column('verified_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['consent_id'], ['consents.id'], name=op.f('fk_privacy_guardian_consents_consent_id_consents'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_privacy_guardian_consents_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_privacy_guardian_consents'))
    )
    with op.batch_alter_table('privacy_guardian_consents', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_privacy_guardian_consents_user_id'), ['user_id'], unique=False)



def downgrade():
    with op.batch_alter_table('privacy_guardian_consents', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_guardian_consents_user_id'))

    op.drop_table('privacy_guardian_consents')
    op.drop_table('privacy_retention_notices')
    with op.batch_alter_table('privacy_exports', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_exports_user_id'))

    op.drop_table('privacy_exports')
    with op.batch_alter_table('privacy_application_counts', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_application_counts_job_id'))

    op.drop_table('privacy_application_counts')
    op.drop_table('privacy_suppressions')
    with op.batch_alter_table('privacy_policy_versions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_policy_versions_published_dt'))

    op.drop_table('privacy_policy_versions')
    with op.batch_alter_table('privacy_erasures', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_privacy_erasures_status'))

    op.drop_table('privacy_erasures')
