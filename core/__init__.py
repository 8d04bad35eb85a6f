"""Shared infrastructure: app factory, config, database, extensions, crypto, audit."""
