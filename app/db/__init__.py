"""The local store: SQLite (SQLCipher build) through SQLAlchemy 2, schema by Alembic only."""
