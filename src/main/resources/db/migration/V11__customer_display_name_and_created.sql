-- DLCS's Customer has a displayName, and its customers and spaces say when they were made. Rows made before this
-- version have no creation instant (the ledger did not keep one): theirs is null, and their resources leave it out.
ALTER TABLE customer ADD COLUMN display_name text;
ALTER TABLE customer ADD COLUMN created_at timestamptz;
ALTER TABLE customer ALTER COLUMN created_at SET DEFAULT now();
ALTER TABLE space ADD COLUMN created_at timestamptz;
ALTER TABLE space ALTER COLUMN created_at SET DEFAULT now();
