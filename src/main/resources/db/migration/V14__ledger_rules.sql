-- The ledger's rules as SQL functions, so that each is written once for SQL (and once in Java, in ledger.limit and
-- ledger.count; LedgerRulesIntegrationTest holds the two equal on generated cases). They are IMMUTABLE one-expression
-- SQL functions: the planner inlines them into the statements that call them, so they cost nothing at run time.

-- A sum capped at the largest total the ledger holds (bigint's largest), and 0 for the sum of no rows: sums of bigint
-- columns are numeric, and a sum past bigint answers that largest total rather than failing (as Usage and Fullness do).
CREATE FUNCTION ledger_capped(total numeric) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT least(coalesce(total, 0), 9223372036854775807)::bigint $$;

-- What is stored and reserved together (Fullness.taken): no reservation (NULL) is 0.
CREATE FUNCTION ledger_taken(used bigint, reserved bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ledger_capped(used::numeric + coalesce(reserved, 0)) $$;

-- A user's capacity (Limits.ownerCapacity, Limit.Capacity.total): their quota, else their plan's capacity, else 0,
-- plus the bytes of their active storage packs.
CREATE FUNCTION ledger_capacity(quota bigint, plan_capacity bigint, packs bigint) RETURNS bigint
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT ledger_capped(coalesce(quota, plan_capacity, 0)::numeric + packs) $$;

-- How full a limit is, as the fraction of its maximum that is taken (Fullness.fraction): 1 when the maximum is 0.
-- The limit is exceeded when taken >= maximum, whatever the fraction (Fullness.of).
CREATE FUNCTION ledger_fullness(taken bigint, maximum bigint) RETURNS double precision
    LANGUAGE sql IMMUTABLE PARALLEL SAFE
    AS $$ SELECT CASE WHEN maximum = 0 THEN 1 ELSE taken::double precision / maximum END $$;
