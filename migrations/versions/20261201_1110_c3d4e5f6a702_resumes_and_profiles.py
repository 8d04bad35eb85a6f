"""resumes: files, parse jobs, profiles

Revision ID: c3d4e5f6a702
Revises: b2c3d4e5f601
Create Date: 2026-12-01 11:00:00

Placeholder in the planned chain of revisions; filled in by the issue that owns it.
Reviewed: each migration must work while the previous release's code still runs.
"""
from alembic import op
import sqlalchemy as sa

import core.db

# revision identifiers, used by Alembic.
revision = 'c3d4e5f6a702'
down_revision = 'b2c3d4e5f601'
branch_labels = None
depends_on = None


def upgrade():
    pass


def downgrade():
    pass
