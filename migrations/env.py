"""Alembic environment (Flask-Migrate).  Models are imported by the app factory."""

import logging

from alembic import context
from flask import current_app

config = context.config
logger = logging.getLogger("alembic.env")


def get_engine():
    return current_app.extensions["migrate"].db.engine


def get_metadata():
    return current_app.extensions["migrate"].db.metadata


def import_models() -> None:
    # Every package's models, so that autogenerate and `db check` see the whole schema.
    import importlib

    for module in ("core.audit", "auth.models", "careers.models", "resumes.models", "privacy.models"):
        try:
            importlib.import_module(module)
        except ModuleNotFoundError as exc:
            if exc.name not in (module, module.split(".")[0]):
                raise


def include_name(name, type_, parent_names) -> bool:
    # SQLite FTS5 virtual tables (fts_*) and their shadow tables are created by raw SQL in
    # the migrations, not by the models: autogenerate and `db check` leave them alone.
    return not (type_ == "table" and name and name.startswith("fts_"))


def run_migrations_offline() -> None:
    import_models()
    context.configure(url=str(get_engine().url), target_metadata=get_metadata(), literal_binds=True,
                      render_as_batch=True)
    with context.begin_transaction():
        context.run_migrations()


def run_migrations_online() -> None:
    import_models()

    def process_revision_directives(context, revision, directives):
        if getattr(config.cmd_opts, "autogenerate", False):
            script = directives[0]
            if script.upgrade_ops.is_empty():
                directives[:] = []
                logger.info("No changes in schema detected.")

    conf_args = dict(current_app.extensions["migrate"].configure_args)
    conf_args.setdefault("process_revision_directives", process_revision_directives)
    conf_args.setdefault("include_name", include_name)
    connectable = get_engine()
    with connectable.connect() as connection:
        context.configure(connection=connection, target_metadata=get_metadata(), **conf_args)
        with context.begin_transaction():
            context.run_migrations()


if context.is_offline_mode():
    run_migrations_offline()
else:
    run_migrations_online()
