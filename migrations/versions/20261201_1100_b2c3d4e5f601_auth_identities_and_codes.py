"""auth: identities, sms codes, recruiter credentials

Revision ID: b2c3d4e5f601
Revises: 9a2394ac6a20
Create Date: 2026-12-01 11:00:00

Identities (WeChat unionid + (appid, openid) pairs, encrypted phone numbers with a blind
index), SMS codes (HMAC only), the consent ledger, and the staff columns of users
(argon2 password, TOTP, lock-out, departments).  Every row of an account cascades on delete.
Reviewed: each migration must work while the previous release's code still runs.
"""
import secrets

from alembic import op
import sqlalchemy as sa

import core.crypto
import core.db

# revision identifiers, used by Alembic.
revision = 'b2c3d4e5f601'
down_revision = '9a2394ac6a20'
branch_labels = None
depends_on = None


def upgrade():
    op.create_table('sms_codes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('phone_index', sa.String(length=64), nullable=False),
    sa.Column('purpose', sa.String(length=20), nullable=False),
    sa.Column('flow_id', sa.String(length=64), nullable=False),
    sa.Column('code_hmac', sa.String(length=64), nullable=False),
    sa.Column('created_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('expires_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('attempts', sa.Integer(), nullable=False),
    sa.Column('used_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.Column('is_dead', sa.Boolean(), nullable=False),
    sa.CheckConstraint("purpose IN ('sign_in', 'bind', 'reauth', 'guardian')", name=op.f('ck_sms_codes_purpose_valid')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sms_codes'))
    )
    with op.batch_alter_table('sms_codes', schema=None) as batch_op:
        batch_op.create_index('ix_sms_codes_phone_index_created_dt', ['phone_index', 'created_dt'], unique=False)

    op.create_table('consents',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('purpose', sa.String(length=80), nullable=False),
    sa.Column('policy_version', sa.String(length=20), nullable=False),
    sa.Column('channel', sa.String(length=10), nullable=False),
    sa.Column('given_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('withdrawn_dt', core.db.UTCDateTime(timezone=True), nullable=True),
    sa.CheckConstraint("channel IN ('wechat', 'sms', 'web')", name=op.f('ck_consents_channel_valid')),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_consents_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_consents'))
    )
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.create_index('ix_consents_user_id_purpose', ['user_id', 'purpose'], unique=False)

    op.create_table('phone_identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('phone', core.crypto.EncryptedText(), nullable=False),
    sa.Column('phone_index', sa.String(length=64), nullable=False),
    sa.Column('verified_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_phone_identities_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_phone_identities')),
    sa.UniqueConstraint('phone_index', name=op.f('uq_phone_identities_phone_index')),
    sa.UniqueConstraint('user_id', name=op.f('uq_phone_identities_user_id'))
    )

    op.create_table('wechat_identities',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('unionid', sa.String(length=64), nullable=True),
    sa.Column('created_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_wechat_identities_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wechat_identities')),
    sa.UniqueConstraint('unionid', name=op.f('uq_wechat_identities_unionid')),
    sa.UniqueConstraint('user_id', name=op.f('uq_wechat_identities_user_id'))
    )

    op.create_table('wechat_openids',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('identity_id', sa.Integer(), nullable=False),
    sa.Column('appid', sa.String(length=64), nullable=False),
    sa.Column('openid', sa.String(length=64), nullable=False),
    sa.Column('created_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['identity_id'], ['wechat_identities.id'], name=op.f('fk_wechat_openids_identity_id_wechat_identities'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_wechat_openids')),
    sa.UniqueConstraint('appid', 'openid', name='uq_wechat_openids_appid_openid')
    )
    with op.batch_alter_table('wechat_openids', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_wechat_openids_identity_id'), ['identity_id'], unique=False)

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.add_column(sa.Column('session_token', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('last_sign_in_dt', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('email', core.crypto.EncryptedText(), nullable=True))
        batch_op.add_column(sa.Column('email_index', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('password_hash', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('totp_secret', core.crypto.EncryptedText(), nullable=True))
        batch_op.add_column(sa.Column('totp_enabled_dt', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('totp_last_counter', sa.Integer(), nullable=True))
        batch_op.add_column(sa.Column('failed_sign_ins', sa.Integer(), server_default='0', nullable=False))
        batch_op.add_column(sa.Column('locked_until_dt', core.db.UTCDateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('departments', sa.JSON(), server_default='[]', nullable=False))

    # Existing accounts get their own session token before the column becomes NOT NULL.
    bind = op.get_bind()
    users = sa.table('users', sa.column('id', sa.Integer()), sa.column('session_token', sa.String()))
    for (user_id,) in bind.execute(sa.select(users.c.id)).all():
        bind.execute(users.update().where(users.c.id == user_id).values(session_token=secrets.token_urlsafe(32)))

    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.alter_column('session_token', existing_type=sa.String(length=64), nullable=False)
        batch_op.create_unique_constraint(batch_op.f('uq_users_email_index'), ['email_index'])
        batch_op.create_unique_constraint(batch_op.f('uq_users_session_token'), ['session_token'])

    # One row per signed-in browser session (id: SHA-256 hex of the cookie's random id).
    op.create_table('auth_sessions',
    sa.Column('id', sa.String(length=64), nullable=False),
    sa.Column('user_id', sa.Integer(), nullable=False),
    sa.Column('created_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.Column('last_seen_dt', core.db.UTCDateTime(timezone=True), nullable=False),
    sa.ForeignKeyConstraint(['user_id'], ['users.id'], name=op.f('fk_auth_sessions_user_id_users'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_auth_sessions'))
    )
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_auth_sessions_user_id'), ['user_id'], unique=False)


def downgrade():
    with op.batch_alter_table('auth_sessions', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_auth_sessions_user_id'))

    op.drop_table('auth_sessions')
    with op.batch_alter_table('users', schema=None) as batch_op:
        batch_op.drop_constraint(batch_op.f('uq_users_session_token'), type_='unique')
        batch_op.drop_constraint(batch_op.f('uq_users_email_index'), type_='unique')
        batch_op.drop_column('departments')
        batch_op.drop_column('locked_until_dt')
        batch_op.drop_column('failed_sign_ins')
        batch_op.drop_column('totp_last_counter')
        batch_op.drop_column('totp_enabled_dt')
        batch_op.drop_column('totp_secret')
        batch_op.drop_column('password_hash')
        batch_op.drop_column('email_index')
        batch_op.drop_column('email')
        batch_op.drop_column('last_sign_in_dt')
        batch_op.drop_column('session_token')

    with op.batch_alter_table('wechat_openids', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_wechat_openids_identity_id'))

    op.drop_table('wechat_openids')
    op.drop_table('wechat_identities')
    op.drop_table('phone_identities')
    with op.batch_alter_table('consents', schema=None) as batch_op:
        batch_op.drop_index('ix_consents_user_id_purpose')

    op.drop_table('consents')
    with op.batch_alter_table('sms_codes', schema=None) as batch_op:
        batch_op.drop_index('ix_sms_codes_phone_index_created_dt')

    op.drop_table('sms_codes')
