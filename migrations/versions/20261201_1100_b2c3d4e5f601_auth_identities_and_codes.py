"""auth: identities, sms codes, recruiter credentials

Revision ID: b2c3d4e5f601
Revises: 9a2394ac6a20
Create Date: 2026-12-01 11:00:00

Placeholder in the planned chain of revisions; filled in by the issue that owns it.
Reviewed: each migration must work while the previous release's code still runs.
"""
from alembic import op
import sqlalchemy as sa

import core.db

# revision identifiers, used by Alembic.
revision = 'b2c3d4e5f601'
down_revision = '9a2394ac6a20'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
