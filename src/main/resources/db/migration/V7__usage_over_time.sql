-- Usage over time: exact integrals of every total, and history points.
--
-- Each totals row (customer, space, user) carries the integral over time of its stored bytes, thumbnail bytes and
-- images since integrated_since, up to integrated_at, the instant of its last change. The statement that changes a
-- total advances its integral in the same UPDATE (ChangesRepository): the total that held since integrated_at, times
-- the seconds since then. So byte-hours cost no statement of their own and are exact, not sampled. numeric, because
-- a petabyte held for a year is 3 x 10^22 byte-seconds, past bigint; extract(epoch ...) is exact to the microsecond.
--
-- History points: the first change of a row after a step boundary (LEDGER_HISTORY_STEP) writes, in the same
-- statement, the row as it stood at that boundary (its figures did not move between its last change and the
-- boundary, and its integral is advanced to the boundary). A row that did not change in a step writes nothing, and
-- its figures at a boundary are those of its first point at or after that boundary, or its current ones when it has
-- none: quiet tenants cost nothing, and no job, lock or snapshot is needed for a point to be exact.

ALTER TABLE customer
    ADD COLUMN byte_seconds           numeric     NOT NULL DEFAULT 0,
    ADD COLUMN thumbnail_byte_seconds numeric     NOT NULL DEFAULT 0,
    ADD COLUMN image_seconds          numeric     NOT NULL DEFAULT 0,
    ADD COLUMN integrated_since       timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN integrated_at          timestamptz NOT NULL DEFAULT now();

ALTER TABLE space
    ADD COLUMN byte_seconds           numeric     NOT NULL DEFAULT 0,
    ADD COLUMN thumbnail_byte_seconds numeric     NOT NULL DEFAULT 0,
    ADD COLUMN image_seconds          numeric     NOT NULL DEFAULT 0,
    ADD COLUMN integrated_since       timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN integrated_at          timestamptz NOT NULL DEFAULT now();

ALTER TABLE user_account
    ADD COLUMN byte_seconds           numeric     NOT NULL DEFAULT 0,
    ADD COLUMN thumbnail_byte_seconds numeric     NOT NULL DEFAULT 0,
    ADD COLUMN image_seconds          numeric     NOT NULL DEFAULT 0,
    ADD COLUMN integrated_since       timestamptz NOT NULL DEFAULT now(),
    ADD COLUMN integrated_at          timestamptz NOT NULL DEFAULT now();

-- A scope's points go with it: a space or user deleted and made again starts a new history.
CREATE TABLE customer_history (
    customer                    integer     NOT NULL REFERENCES customer (id) ON DELETE CASCADE,
    at                          timestamptz NOT NULL,
    number_of_stored_images     bigint      NOT NULL,
    total_size_of_stored_images bigint      NOT NULL,
    total_size_of_thumbnails    bigint      NOT NULL,
    byte_seconds                numeric     NOT NULL,
    thumbnail_byte_seconds      numeric     NOT NULL,
    image_seconds               numeric     NOT NULL,
    PRIMARY KEY (customer, at)
);

CREATE TABLE space_history (
    customer                    integer     NOT NULL,
    space                       integer     NOT NULL,
    at                          timestamptz NOT NULL,
    number_of_stored_images     bigint      NOT NULL,
    total_size_of_stored_images bigint      NOT NULL,
    total_size_of_thumbnails    bigint      NOT NULL,
    byte_seconds                numeric     NOT NULL,
    thumbnail_byte_seconds      numeric     NOT NULL,
    image_seconds               numeric     NOT NULL,
    PRIMARY KEY (customer, space, at),
    FOREIGN KEY (customer, space) REFERENCES space (customer, id) ON DELETE CASCADE
);

CREATE TABLE user_history (
    customer                    integer     NOT NULL,
    owner                       text        NOT NULL,
    at                          timestamptz NOT NULL,
    number_of_stored_images     bigint      NOT NULL,
    total_size_of_stored_images bigint      NOT NULL,
    total_size_of_thumbnails    bigint      NOT NULL,
    byte_seconds                numeric     NOT NULL,
    thumbnail_byte_seconds      numeric     NOT NULL,
    image_seconds               numeric     NOT NULL,
    PRIMARY KEY (customer, owner, at),
    FOREIGN KEY (customer, owner) REFERENCES user_account (customer, id) ON DELETE CASCADE
);
