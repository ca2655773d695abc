-- The keys that sign users' tokens, rotated: one key signs (retired_at is null), and the keys it replaced still
-- verify the tokens they signed until those have expired, then their rows are removed. The private half of the
-- signing key is kept only encrypted (AES-256-GCM under a key that the database never sees: the setting
-- LEDGER_TOKEN_KEY_ENCRYPTION_KEY, or a file in the embedded database's data folder); a retired key keeps only its
-- public half. So a dump, a backup or a replica of this table cannot sign a token.
--
-- A key made before this version was stored in plain form, so every backup taken since may hold it: it is removed,
-- not encrypted, so that it verifies nothing any more (a copy of it would otherwise still sign tokens that pass until
-- it expired). The service makes a new, encrypted key at its start. The tokens it signed were of the old form (typ
-- JWT, no aud), which the ledger no longer takes anyway: users sign in again once.
DELETE FROM signing_key;
ALTER TABLE signing_key DROP COLUMN private_key;
ALTER TABLE signing_key ADD COLUMN sealed_private_key bytea;
ALTER TABLE signing_key ADD COLUMN retired_at timestamptz;

DROP INDEX signing_key_only_one;
CREATE UNIQUE INDEX signing_key_one_signs ON signing_key ((true)) WHERE retired_at IS NULL;
ALTER TABLE signing_key ADD CONSTRAINT signing_key_only_the_signing_key_has_a_private_half
    CHECK ((retired_at IS NULL) = (sealed_private_key IS NOT NULL));
