"""The full-text index behind SearchEntry: FTS5 on SQLite, a weighted tsvector with a GIN index on PostgreSQL.

Both index the same pre-split tokens (cases/search.py), so both find the same cases.
"""

from django.db import migrations

SQLITE = [
    """CREATE VIRTUAL TABLE cases_searchentry_fts USING fts5(
        title, body, content='cases_searchentry', content_rowid='case_id', tokenize='unicode61 remove_diacritics 0'
    )""",
    """CREATE TRIGGER cases_searchentry_ai AFTER INSERT ON cases_searchentry BEGIN
        INSERT INTO cases_searchentry_fts(rowid, title, body) VALUES (new.case_id, new.title, new.body);
    END""",
    """CREATE TRIGGER cases_searchentry_ad AFTER DELETE ON cases_searchentry BEGIN
        INSERT INTO cases_searchentry_fts(cases_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.case_id, old.title, old.body);
    END""",
    """CREATE TRIGGER cases_searchentry_au AFTER UPDATE ON cases_searchentry BEGIN
        INSERT INTO cases_searchentry_fts(cases_searchentry_fts, rowid, title, body)
        VALUES ('delete', old.case_id, old.title, old.body);
        INSERT INTO cases_searchentry_fts(rowid, title, body) VALUES (new.case_id, new.title, new.body);
    END""",
]
SQLITE_REVERSE = [
    "DROP TRIGGER IF EXISTS cases_searchentry_au",
    "DROP TRIGGER IF EXISTS cases_searchentry_ad",
    "DROP TRIGGER IF EXISTS cases_searchentry_ai",
    "DROP TABLE IF EXISTS cases_searchentry_fts",
]
POSTGRESQL = [
    """ALTER TABLE cases_searchentry ADD COLUMN vector tsvector GENERATED ALWAYS AS (
        setweight(to_tsvector('simple', title), 'A') || setweight(to_tsvector('simple', body), 'D')
    ) STORED""",
    "CREATE INDEX cases_searchentry_vector_idx ON cases_searchentry USING GIN (vector)",
]
POSTGRESQL_REVERSE = [
    "DROP INDEX IF EXISTS cases_searchentry_vector_idx",
    "ALTER TABLE cases_searchentry DROP COLUMN IF EXISTS vector",
]


def run(statements_by_vendor):
    def operation(apps, schema_editor):
        for statement in statements_by_vendor.get(schema_editor.connection.vendor, []):
            schema_editor.execute(statement)

    return operation


class Migration(migrations.Migration):
    dependencies = [("cases", "0002_editor_and_publisher_groups")]

    operations = [
        migrations.RunPython(
            run({"sqlite": SQLITE, "postgresql": POSTGRESQL}),
            run({"sqlite": SQLITE_REVERSE, "postgresql": POSTGRESQL_REVERSE}),
        )
    ]
