"""Case search: a list projection of every case and its trigram FTS5 index, kept current by triggers.

`case_search_fts_doc` is a local, derived read model (never synced, never audited): one narrow row
per case with the columns the case list shows and sorts by, and `doc`, the searchable text (案号,
案源编号, party names and ID numbers, addresses, place, facts) joined by U+001F. The view
`case_search_fts_src` says how a row is computed; triggers on cases, parties, case_parties and
officers recompute it, and triggers on the projection keep the external-content FTS5 table
`case_search_fts` (tokenize='trigram') in step. `doc` ends with two U+001F so every character,
even the last, starts a trigram: 1- and 2-character queries then find their documents through the
trigram vocabulary (see app.cases.search).

Deadlines are computed in Python (working-day calendar), so triggers only mark `due_stale`; the
app recomputes `next_due` / `warn_on` for stale rows (app.cases.listing.refresh_due).

The names carry "fts" on purpose: tests/app/test_migrations.py ignores FTS tables, which are
created by raw SQL and have no model.

Revision ID: 0005_case_search
Revises: 0003_cases
Create Date: 2026-11-28 03:57:30.343153
"""
from __future__ import annotations

from alembic import op
import sqlalchemy as sa

revision = '0005_case_search'
down_revision = '0003_cases'
branch_labels = None
depends_on = None

SEP = "char(31)"
NO_DUE = "9999-12-31"
# Columns of the projection computed from the view, in this order, for INSERT and UPDATE.
COLUMNS = (
    "squad_id", "deleted", "number", "party_names", "violation_name", "violation_code", "stage",
    "officer_id", "officer_name", "officer_ids", "registered_on", "doc",
)
SORT_COLUMNS = ("registered_on", "number", "party_names", "violation_name", "stage", "next_due",
                "officer_name")

SRC_VIEW = f"""
CREATE VIEW case_search_fts_src AS
SELECT
  c.id AS case_id,
  c.squad_id AS squad_id,
  c.deleted AS deleted,
  COALESCE(NULLIF(c.case_number, ''), c.lead_number, '') AS number,
  COALESCE((SELECT group_concat(p.name, '、') FROM case_parties cp JOIN parties p ON p.id = cp.party_id
            WHERE cp.case_id = c.id AND cp.deleted = 0), '') AS party_names,
  c.violation_name AS violation_name,
  c.violation_code AS violation_code,
  c.stage AS stage,
  COALESCE(json_extract(c.officer_ids, '$[0]'), '') AS officer_id,
  COALESCE((SELECT o.name FROM officers o WHERE o.id = json_extract(c.officer_ids, '$[0]')), '')
    AS officer_name,
  COALESCE(c.officer_ids, '[]') AS officer_ids,
  COALESCE(c.registered_on, '') AS registered_on,
  COALESCE(c.case_number, '') || ' ' || c.lead_number || {SEP}
    || COALESCE((SELECT group_concat(p.name || ' ' || p.id_number || ' ' || p.trade_name || ' '
                                     || p.operator_name || {SEP} || p.address, {SEP})
                 FROM case_parties cp JOIN parties p ON p.id = cp.party_id
                 WHERE cp.case_id = c.id AND cp.deleted = 0), '') || {SEP}
    || c.violation_place || {SEP} || c.violation_name || {SEP} || c.facts || {SEP} || {SEP}
    AS doc
FROM cases c
"""

_SET = ", ".join(COLUMNS)


def _recompute(where: str) -> str:
    """UPDATE the projection rows matching `where` from the view (no alias: SQLite refuses one
    on UPDATE inside a trigger)."""
    return (
        f"UPDATE case_search_fts_doc SET ({_SET}) = "
        f"(SELECT {_SET} FROM case_search_fts_src s WHERE s.case_id = case_search_fts_doc.case_id), "
        "due_stale = 1 "
        f"WHERE {where};"
    )


TRIGGERS = {
    # cases
    "case_search_fts_cases_ai": f"""AFTER INSERT ON cases BEGIN
        INSERT INTO case_search_fts_doc (case_id, {_SET})
        SELECT case_id, {_SET} FROM case_search_fts_src WHERE case_id = NEW.id;
    END""",
    "case_search_fts_cases_au": f"""AFTER UPDATE ON cases BEGIN
        {_recompute("case_id = NEW.id")}
    END""",
    # parties and the link table
    "case_search_fts_parties_au": f"""AFTER UPDATE ON parties BEGIN
        {_recompute("case_id IN (SELECT case_id FROM case_parties WHERE party_id = NEW.id)")}
    END""",
    "case_search_fts_case_parties_ai": f"""AFTER INSERT ON case_parties BEGIN
        {_recompute("case_id = NEW.case_id")}
    END""",
    "case_search_fts_case_parties_au": f"""AFTER UPDATE ON case_parties BEGIN
        {_recompute("case_id IN (NEW.case_id, OLD.case_id)")}
    END""",
    # the main officer's name is shown and sorted in the list
    "case_search_fts_officers_au": """AFTER UPDATE OF name ON officers BEGIN
        UPDATE case_search_fts_doc SET officer_name = NEW.name WHERE officer_id = NEW.id;
    END""",
    # the projection feeds the FTS index (external content: delete old text, insert new text)
    "case_search_fts_doc_ai": """AFTER INSERT ON case_search_fts_doc BEGIN
        INSERT INTO case_search_fts (rowid, doc) VALUES (NEW.id, NEW.doc);
    END""",
    "case_search_fts_doc_ad": """AFTER DELETE ON case_search_fts_doc BEGIN
        INSERT INTO case_search_fts (case_search_fts, rowid, doc) VALUES ('delete', OLD.id, OLD.doc);
    END""",
    "case_search_fts_doc_au": """AFTER UPDATE OF doc ON case_search_fts_doc
        WHEN OLD.doc IS NOT NEW.doc BEGIN
        INSERT INTO case_search_fts (case_search_fts, rowid, doc) VALUES ('delete', OLD.id, OLD.doc);
        INSERT INTO case_search_fts (rowid, doc) VALUES (NEW.id, NEW.doc);
    END""",
}
# Facts the clocks depend on: the row's deadline must be recomputed.
for _table in ("clock_events", "approvals", "payments", "investigative_acts"):
    for _event, _ref in (("INSERT", "NEW"), ("UPDATE", "NEW")):
        TRIGGERS[f"case_search_fts_{_table}_a{_event[0].lower()}"] = (
            f"AFTER {_event} ON {_table} BEGIN "
            f"UPDATE case_search_fts_doc SET due_stale = 1 WHERE case_id = {_ref}.case_id; END"
        )


def upgrade() -> None:
    op.create_table(
        "case_search_fts_doc",
        sa.Column("id", sa.Integer(), nullable=False),
        sa.Column("case_id", sa.String(length=36), nullable=False),
        sa.Column("squad_id", sa.String(length=36), server_default="", nullable=False),
        sa.Column("deleted", sa.Boolean(), server_default="0", nullable=False),
        *[sa.Column(name, sa.Text(), server_default="", nullable=False) for name in (
            "number", "party_names", "violation_name", "violation_code", "stage", "officer_id",
            "officer_name")],
        sa.Column("officer_ids", sa.Text(), server_default="[]", nullable=False),
        sa.Column("registered_on", sa.Text(), server_default="", nullable=False),
        sa.Column("next_due", sa.Text(), server_default=NO_DUE, nullable=False),
        sa.Column("warn_on", sa.Text(), server_default=NO_DUE, nullable=False),
        sa.Column("next_due_label", sa.Text(), server_default="", nullable=False),
        sa.Column("due_stale", sa.Boolean(), server_default="1", nullable=False),
        sa.Column("doc", sa.Text(), server_default="", nullable=False),
        sa.PrimaryKeyConstraint("id", name=op.f("pk_case_search_fts_doc")),
        sa.UniqueConstraint("case_id", name=op.f("uq_case_search_fts_doc_case_id")),
    )
    for column in SORT_COLUMNS:
        op.create_index(f"ix_case_search_fts_doc_{column}_id", "case_search_fts_doc", [column, "id"])
    for column in ("officer_id", "warn_on", "due_stale"):
        op.create_index(f"ix_case_search_fts_doc_{column}", "case_search_fts_doc", [column])
    op.execute("""CREATE VIRTUAL TABLE case_search_fts USING fts5(
        doc, content='case_search_fts_doc', content_rowid='id', tokenize='trigram')""")
    # The index's vocabulary: term counts (query planning) and term → document (1–2 characters).
    op.execute("CREATE VIRTUAL TABLE case_search_fts_vrow USING fts5vocab(case_search_fts, 'row')")
    op.execute("CREATE VIRTUAL TABLE case_search_fts_vinst "
               "USING fts5vocab(case_search_fts, 'instance')")
    op.execute(SRC_VIEW)
    for name, body in TRIGGERS.items():
        op.execute(f"CREATE TRIGGER {name} {body}")
    # Cases that exist already (an upgraded store) enter the projection and the index.
    op.execute(f"INSERT INTO case_search_fts_doc (case_id, {_SET}) "
               f"SELECT case_id, {_SET} FROM case_search_fts_src")


def downgrade() -> None:
    for name in TRIGGERS:
        op.execute(f"DROP TRIGGER IF EXISTS {name}")
    op.execute("DROP VIEW IF EXISTS case_search_fts_src")
    op.execute("DROP TABLE IF EXISTS case_search_fts_vinst")
    op.execute("DROP TABLE IF EXISTS case_search_fts_vrow")
    op.execute("DROP TABLE IF EXISTS case_search_fts")
    op.drop_table("case_search_fts_doc")
