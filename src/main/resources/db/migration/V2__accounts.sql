-- Accounts (api.md "Accounts"): plans, users with roles, quotas and passwords, storage packs, and the key that
-- signs users' tokens. A user's row carries the totals of the assets they own, changed in the same transaction
-- as the asset rows (LedgerRepository), exactly as a space's or a customer's.

CREATE TABLE plan (
    id         text        PRIMARY KEY,
    name       text        NOT NULL,
    capacity   bigint      NOT NULL CHECK (capacity >= 0),
    created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE user_account (
    customer                    integer     NOT NULL REFERENCES customer (id),
    id                          text        NOT NULL,
    name                        text        NOT NULL,
    -- Unique across customers: it is how a user logs in. Null only for users created below from asset owners.
    email                       text,
    -- bcrypt; null: the user cannot log in.
    password_hash               text,
    roles                       text[]      NOT NULL DEFAULT '{}'
                                CHECK (roles <@ ARRAY['originator', 'organisationAdministrator']::text[]),
    plan                        text        REFERENCES plan (id),
    quota                       bigint      CHECK (quota >= 0),
    -- Named by every token issued to the user; replaced when the password changes, which ends those sessions,
    -- and new for a user deleted and created again, so that no old token works for the new one.
    session                     uuid        NOT NULL DEFAULT gen_random_uuid(),
    number_of_stored_images     bigint      NOT NULL DEFAULT 0 CHECK (number_of_stored_images >= 0),
    total_size_of_stored_images bigint      NOT NULL DEFAULT 0 CHECK (total_size_of_stored_images >= 0),
    total_size_of_thumbnails    bigint      NOT NULL DEFAULT 0 CHECK (total_size_of_thumbnails >= 0),
    created_at                  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer, id)
);

CREATE UNIQUE INDEX user_account_email ON user_account (lower(email));
CREATE INDEX user_account_plan ON user_account (plan) WHERE plan IS NOT NULL;

-- Asset records could name any owner before this version: each such owner becomes a user (no email, no
-- password, no roles, capacity 0) with the exact totals of what they own, so that every owner total holds.
INSERT INTO user_account (customer, id, name, number_of_stored_images, total_size_of_stored_images, total_size_of_thumbnails)
SELECT customer, owner, owner, count(*), sum(size), sum(thumbnail_size)
FROM asset
WHERE owner IS NOT NULL
GROUP BY customer, owner;

-- A pack counts for its user while active_from <= now < expires_at.
CREATE TABLE storage_pack (
    customer    integer     NOT NULL,
    user_id     text        NOT NULL,
    id          text        NOT NULL,
    name        text        NOT NULL,
    size        bigint      NOT NULL CHECK (size >= 0),
    active_from timestamptz NOT NULL,
    expires_at  timestamptz NOT NULL CHECK (expires_at > active_from),
    created_at  timestamptz NOT NULL DEFAULT now(),
    PRIMARY KEY (customer, user_id, id),
    FOREIGN KEY (customer, user_id) REFERENCES user_account (customer, id) ON DELETE CASCADE
);

-- The RSA key pair that signs users' tokens: made at first start, the same for every instance and restart.
CREATE TABLE signing_key (
    id          text        PRIMARY KEY,
    private_key bytea       NOT NULL,
    public_key  bytea       NOT NULL,
    created_at  timestamptz NOT NULL DEFAULT now()
);

-- One key for now: rotating keys would add a row per key and publish them all in the JWKS.
CREATE UNIQUE INDEX signing_key_only_one ON signing_key ((true));
