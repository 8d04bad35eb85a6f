from alembic.config import Config
from alembic.script import ScriptDirectory
from flask_migrate import downgrade, upgrade
from sqlalchemy import inspect

from core.config import ROOT
from core.db import db


def test_migrations_have_a_single_head():
    config = Config(str(ROOT / "migrations" / "alembic.ini"))
    config.set_main_option("script_location", str(ROOT / "migrations"))
    assert len(ScriptDirectory.from_config(config).get_heads()) == 1


def test_migrations_apply_down_to_base_and_back(app, committed_db):
    upgrade(revision="head")
    downgrade(revision="base")
    assert set(inspect(db.engine).get_table_names()) <= {"alembic_version"}
    upgrade(revision="head")
    assert {"users", "jobs", "audit_events"} <= set(inspect(db.engine).get_table_names())


def test_models_and_migrations_agree(runner, committed_db):
    result = runner.invoke(args=["db", "check"])
    assert result.exit_code == 0, result.output
