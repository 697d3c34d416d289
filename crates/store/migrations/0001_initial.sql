-- The whole embedded schema: guides with their steps, the event log that feeds
-- Server-Sent Events, and the task queue the runner leases work from.
-- Timestamps are REAL seconds since the Unix epoch; JSON is TEXT; statuses are
-- the snake_case names of the Rust enums.

CREATE TABLE guides (
    id           TEXT    PRIMARY KEY NOT NULL,
    request      TEXT    NOT NULL,
    request_hash TEXT    NOT NULL,
    status       TEXT    NOT NULL,
    total_steps  INTEGER NOT NULL,
    created_at   REAL    NOT NULL,
    started_at   REAL,
    completed_at REAL,
    error        TEXT,
    expires_at   REAL
);

-- unfinished_guides and counts filter by status; the sweeper by expiry.
CREATE INDEX guides_by_status ON guides (status, created_at);
CREATE INDEX guides_by_expiry ON guides (expires_at) WHERE expires_at IS NOT NULL;

CREATE TABLE steps (
    guide_id     TEXT    NOT NULL REFERENCES guides (id) ON DELETE CASCADE,
    number       INTEGER NOT NULL,
    status       TEXT    NOT NULL,
    image_id     TEXT,
    generated_at REAL,
    error        TEXT,
    attempts     INTEGER NOT NULL DEFAULT 0,
    prompt_used  TEXT,
    PRIMARY KEY (guide_id, number)
) WITHOUT ROWID;

CREATE INDEX steps_by_image ON steps (image_id) WHERE image_id IS NOT NULL;

-- AUTOINCREMENT so that a seq is never reused, even after the newest events are
-- deleted with their guide: clients resume SSE streams with Last-Event-ID = seq.
CREATE TABLE events (
    seq      INTEGER PRIMARY KEY AUTOINCREMENT,
    guide_id TEXT    NOT NULL REFERENCES guides (id) ON DELETE CASCADE,
    kind     TEXT    NOT NULL,
    data     TEXT    NOT NULL,
    at       REAL    NOT NULL
);

CREATE INDEX events_by_guide ON events (guide_id, seq);

-- No foreign key to guides: the queue is its own store (a distributed one may
-- live elsewhere), so a task can outlive its guide and the runner drops it.
-- worker and lease_until are NULL while the task is not leased.
CREATE TABLE tasks (
    id           INTEGER PRIMARY KEY AUTOINCREMENT,
    guide_id     TEXT    NOT NULL,
    step         INTEGER NOT NULL,
    available_at REAL    NOT NULL,
    attempt      INTEGER NOT NULL DEFAULT 0,
    worker       TEXT,
    lease_until  REAL,
    UNIQUE (guide_id, step)
);

CREATE INDEX tasks_by_availability ON tasks (available_at, id);
CREATE INDEX tasks_by_worker ON tasks (worker) WHERE worker IS NOT NULL;
