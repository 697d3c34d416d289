-- Plans written for a guide (by a language model, later by the maker):
-- every version kept, the newest the one drawn. A guide planned offline from
-- its own request has no row: its plan is computed from the request.
-- plan is the Plan's JSON; source names its writer ("gemini:MODEL",
-- "offline (fallback: ...)"); repairs counts the validator's round trips.

CREATE TABLE plans (
    guide_id   TEXT    NOT NULL REFERENCES guides (id) ON DELETE CASCADE,
    version    INTEGER NOT NULL,
    plan       TEXT    NOT NULL,
    source     TEXT    NOT NULL,
    repairs    INTEGER NOT NULL DEFAULT 0,
    created_at REAL    NOT NULL,
    PRIMARY KEY (guide_id, version)
) WITHOUT ROWID;
