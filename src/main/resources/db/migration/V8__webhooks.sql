-- Webhooks: subscriptions, and an outbox of events and their deliveries. An event is inserted in the transaction of
-- what causes it, with one delivery for each subscription it matches; deliveries are sent by every instance's worker.

-- A subscription of one customer, or of every customer (customer NULL: the administrator's). Its secret is kept
-- encrypted with the key-encryption key, as the token signing key is.
CREATE TABLE webhook_subscription (
    id            text        PRIMARY KEY,
    customer      integer     REFERENCES customer (id) ON DELETE CASCADE,
    url           text        NOT NULL,
    events        text[]      NOT NULL,
    description   text,
    sealed_secret bytea       NOT NULL,
    created_at    timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_subscription_customer ON webhook_subscription (customer);

-- An event: its body is kept as sent, so that every attempt signs the same bytes.
CREATE TABLE webhook_event (
    seq        bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    id         text        NOT NULL UNIQUE DEFAULT 'msg_' || replace(gen_random_uuid()::text, '-', ''),
    type       text        NOT NULL,
    customer   integer     NOT NULL,
    body       text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX webhook_event_created ON webhook_event (created_at);

-- One event to one subscription. No foreign key to the subscription: a write that inserts a delivery must never fail
-- or wait because a subscription is being deleted; the worker drops the deliveries of a deleted one.
-- next_attempt_at is NULL once delivered or given up; while an attempt is being sent it is the claim's lease.
CREATE TABLE webhook_delivery (
    id              bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
    event           bigint      NOT NULL REFERENCES webhook_event (seq) ON DELETE CASCADE,
    subscription    text        NOT NULL,
    attempts        integer     NOT NULL DEFAULT 0,
    next_attempt_at timestamptz,
    last_attempt_at timestamptz,
    last_status     integer,
    last_error      text,
    delivered_at    timestamptz,
    given_up_at     timestamptz
);
CREATE INDEX webhook_delivery_due ON webhook_delivery (next_attempt_at) WHERE next_attempt_at IS NOT NULL;
CREATE INDEX webhook_delivery_subscription ON webhook_delivery (subscription, id);
CREATE INDEX webhook_delivery_event ON webhook_delivery (event);

-- Every attempt of a delivery.
CREATE TABLE webhook_attempt (
    delivery    bigint      NOT NULL REFERENCES webhook_delivery (id) ON DELETE CASCADE,
    number      integer     NOT NULL,
    at          timestamptz NOT NULL,
    status      integer,
    error       text,
    duration_ms integer     NOT NULL,
    PRIMARY KEY (delivery, number)
);

-- Which packs' expiry has been announced (pack.expiring, pack.expired): each once.
ALTER TABLE storage_pack
    ADD COLUMN expiring_announced boolean NOT NULL DEFAULT false,
    ADD COLUMN expired_announced  boolean NOT NULL DEFAULT false;
-- Packs that expired before this version are not announced.
UPDATE storage_pack SET expiring_announced = true, expired_announced = true WHERE expires_at <= now();
CREATE INDEX storage_pack_unannounced ON storage_pack (expires_at) WHERE NOT expired_announced;
