-- zhaodong store, schema version 3. One DuckDB file; see docs/data-model.md.
CREATE TABLE meta (key VARCHAR PRIMARY KEY, value VARCHAR);

CREATE TABLE sources (
    id VARCHAR PRIMARY KEY, publisher VARCHAR, title VARCHAR, date VARCHAR, url VARCHAR,
    language VARCHAR, note VARCHAR
);

CREATE TABLE towns (code VARCHAR PRIMARY KEY, name_zh VARCHAR, name_pinyin VARCHAR, level VARCHAR);

CREATE TABLE villages (
    code VARCHAR PRIMARY KEY, name_zh VARCHAR, name_short VARCHAR, name_pinyin VARCHAR,
    town_code VARCHAR, town_name VARCHAR, level VARCHAR
);

-- `missing_means`: what a village without a value means: not_applicable (no cold storage) or missing.
CREATE TABLE metrics (
    metric VARCHAR PRIMARY KEY, name_zh VARCHAR, name_en VARCHAR, unit VARCHAR, period VARCHAR,
    kind VARCHAR, description VARCHAR, missing_means VARCHAR
);

CREATE TABLE facts (
    id VARCHAR PRIMARY KEY, source_id VARCHAR, paragraph VARCHAR, raw VARCHAR, kind VARCHAR,
    entity_type VARCHAR, entity_code VARCHAR, entity_name VARCHAR, metric VARCHAR, year INTEGER,
    literal_low DOUBLE, literal_high DOUBLE, literal_qualifier VARCHAR, low DOUBLE, high DOUBLE,
    qualifier VARCHAR, unit VARCHAR, period VARCHAR, per VARCHAR, flags VARCHAR,
    correction_rule VARCHAR, correction_reason VARCHAR, attribution VARCHAR, note VARCHAR
);

-- One row per flag. village_code is NULL for an award that cannot be placed; `candidates`
-- then names the villages it may be.
-- Flags read from a ledger's red-flag column carry their ingest; a later ledger covering the
-- same village and year supersedes them.
CREATE TABLE red_flags (
    village_code VARCHAR, aspect VARCHAR NOT NULL, year INTEGER NOT NULL, source_id VARCHAR,
    confidence VARCHAR NOT NULL, is_synthetic BOOLEAN NOT NULL, name_as_published VARCHAR,
    candidates VARCHAR, note VARCHAR, ingest_id INTEGER, superseded_by INTEGER
);

-- `value` is the documented point reading: exact value, midpoint of a bounded interval,
-- the known bound of an open one (the qualifier says which).
CREATE TABLE outcomes (
    village_code VARCHAR NOT NULL, year INTEGER NOT NULL, metric VARCHAR NOT NULL,
    low DOUBLE, high DOUBLE, value DOUBLE, qualifier VARCHAR NOT NULL, unit VARCHAR, period VARCHAR,
    source_id VARCHAR, raw VARCHAR, is_synthetic BOOLEAN NOT NULL, ingest_id INTEGER,
    superseded_by INTEGER, sheet VARCHAR, "row" INTEGER
);

CREATE TABLE joint_committees (
    id VARCHAR PRIMARY KEY, name VARCHAR, town_code VARCHAR, is_synthetic BOOLEAN NOT NULL
);
CREATE TABLE joint_committee_members (
    committee_id VARCHAR NOT NULL, village_code VARCHAR NOT NULL, is_synthetic BOOLEAN NOT NULL
);

CREATE TABLE ingests (
    id INTEGER PRIMARY KEY, file_name VARCHAR, sha256 VARCHAR, "at" TIMESTAMP, rows_read INTEGER,
    rows_clean INTEGER, rows_quarantined INTEGER, rows_skipped INTEGER, status VARCHAR, report VARCHAR,
    cells_quarantined INTEGER
);
-- `reason` is the English sentence; `code` and `params` (JSON) render it in either language
-- (zhaodong_data/ledgers/reasons.py).
CREATE TABLE quarantine (
    ingest_id INTEGER NOT NULL, sheet VARCHAR, "row" INTEGER, "column" VARCHAR, value VARCHAR,
    reason VARCHAR, code VARCHAR, params VARCHAR
);

-- The villages and years a ledger's red-flag column covered (blank cells included): its flags
-- replace the earlier ledger flags there, and a revert restores them.
CREATE TABLE flag_coverage (ingest_id INTEGER NOT NULL, village_code VARCHAR NOT NULL, year INTEGER NOT NULL);

-- The generator's parameters, so that an analysis can be checked against the known truth.
CREATE TABLE demo_parameters (name VARCHAR PRIMARY KEY, value VARCHAR, note VARCHAR);
