-- Room held for uploads (api: POST /customers/{c}/reservations). A live reservation (expires_at > now())
-- counts against the limits of its space, its owner and its customer; the sums are taken under the scopes'
-- locks by every write (LedgerRepository), so an expired one stops counting at its expiry instant without
-- any job. A record that names a live reservation deletes it in the same transaction.
CREATE TABLE reservation (
    customer       integer     NOT NULL REFERENCES customer (id),
    id             text        NOT NULL,
    space          integer     NOT NULL,
    owner          text,
    images         bigint      NOT NULL CHECK (images >= 0),
    size           bigint      NOT NULL CHECK (size >= 0),
    thumbnail_size bigint      NOT NULL CHECK (thumbnail_size >= 0),
    expires_at     timestamptz NOT NULL,
    created_at     timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer, id)
);

-- The sums of each scope's live reservations, and the removal of expired ones.
CREATE INDEX reservation_space ON reservation (customer, space, expires_at);
CREATE INDEX reservation_owner ON reservation (customer, owner, expires_at) WHERE owner IS NOT NULL;
CREATE INDEX reservation_expiry ON reservation (expires_at);
