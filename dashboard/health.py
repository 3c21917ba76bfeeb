"""`/healthz`: whether the store can be read, its schema version and the data version the
workers serve. 200 with JSON when healthy ("busy", also 200, while a ledger is being written:
the answer never waits out an ingest), 503 with the reason when not. For monitoring and load
balancers; open even when the dashboard asks for a login (it shows no data)."""

from __future__ import annotations

import flask

from zhaodong_data.store import SCHEMA_VERSION, StoreError, open_store

from .security import without_paths

BUSY_AFTER_SECONDS = 0.05  # a monitor's timeout is short; a worker must not wait out a long ingest here


def install(server: flask.Flask, source) -> None:
    @server.route("/healthz")
    def healthz():
        try:
            with open_store(source.path, timeout=BUSY_AFTER_SECONDS) as store:
                meta = dict(store.query("SELECT key, value FROM meta").itertuples(index=False))
                ingests = int(store.query("SELECT count(*) AS n FROM ingests WHERE status = 'ingested'")["n"][0])
        except StoreError as error:
            if "lock" in str(error).lower():  # a ledger is being written: the workers are up, serving the last version
                return flask.jsonify(
                    {"status": "busy", "data_version": source.version, "reason": "a ledger is being written"}
                )
            reason = without_paths(str(error).split(": ", 1)[-1], source.path)
            return flask.jsonify({"status": "error", "reason": reason}), 503
        return flask.jsonify(
            {
                "status": "ok",
                "schema_version": meta.get("schema_version"),
                "expected_schema_version": SCHEMA_VERSION,
                "data_version": source.version,
                "built_at": meta.get("built_at"),
                "ingests": ingests,
            }
        )
