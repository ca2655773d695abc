-- Long work done in the background (issue 6): recalculations now, checks and reconciliations of the real storage
-- next. A job's row is its whole state, so that any instance can answer for it.
CREATE TABLE job (
    id               text        PRIMARY KEY,
    kind             text        NOT NULL,
    customer         integer,
    space            integer,
    state            text        NOT NULL CHECK (state IN ('queued', 'running', 'succeeded', 'failed')),
    progress_done    bigint      NOT NULL DEFAULT 0,
    progress_total   bigint,
    started_at       timestamptz,
    finished_at      timestamptz,
    result           json,   -- json, not jsonb: it keeps the order of the fields as written
    error            text,
    created_at       timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX job_customer ON job (customer, created_at);

-- While a check of an asset against the real storage runs (since when): ImageStorage's checkingInProgress. A check
-- that has not finished within an hour is taken to have died with its instance.
ALTER TABLE asset ADD COLUMN checking_since timestamptz;

-- A recalculation sums owners' assets from here, apart from its sums by space (docs/decisions.md).
CREATE INDEX asset_owner ON asset (customer, owner) WHERE owner IS NOT NULL;
