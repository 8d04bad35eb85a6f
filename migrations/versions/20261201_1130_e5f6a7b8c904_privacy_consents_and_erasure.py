"""privacy: consent ledger, exports, erasure records

Revision ID: e5f6a7b8c904
Revises: d4e5f6a7b803
Create Date: 2026-12-01 11:00:00

Placeholder in the planned chain of revisions; filled in by the issue that owns it.
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
    pass


def downgrade():
    pass
