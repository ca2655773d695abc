-- Every instance keeps recently read figures, keys and sessions in memory, and forgets those of a customer when a
-- notification on the channel storage_ledger_changes names it. The notifications are sent here, by the statements
-- that change the rows those reads come from, so that no writer can forget one: PostgreSQL delivers a notification
-- only when its transaction commits, and delivers it to every listening instance. The payload is the customers the
-- statement changed, separated by commas, or '*' (every customer) when they are too many for one notification.

-- Statement-level, so that a batch of 10,000 assets sends one notification, not 10,000: the customers come from the
-- statement's transition table ("changed": the new rows of an INSERT or UPDATE, the old rows of a DELETE). One query
-- each, and none but that when the statement changed no row: they fire after every statement, even one that changes
-- nothing, and a group's write statement fires six. A payload is at most 8000 bytes: 500 customer numbers of at most
-- 11 characters each stay well within it; more are announced as '*'.
CREATE FUNCTION ledger_rows_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payload text;
BEGIN
    SELECT CASE WHEN count(DISTINCT customer) > 500 THEN '*' ELSE string_agg(DISTINCT customer::text, ',') END
    INTO payload FROM changed;
    IF payload IS NOT NULL THEN
        PERFORM pg_notify('storage_ledger_changes', payload);
    END IF;
    RETURN NULL;
END
$$;

-- The same for the customer table, which names its customer "id".
CREATE FUNCTION ledger_customers_changed() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
    payload text;
BEGIN
    SELECT CASE WHEN count(DISTINCT id) > 500 THEN '*' ELSE string_agg(DISTINCT id::text, ',') END
    INTO payload FROM changed;
    IF payload IS NOT NULL THEN
        PERFORM pg_notify('storage_ledger_changes', payload);
    END IF;
    RETURN NULL;
END
$$;

CREATE FUNCTION ledger_everything_changed() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
    PERFORM pg_notify('storage_ledger_changes', '*');
    RETURN NULL;
END
$$;

DO $$
DECLARE
    target record;
BEGIN
    FOR target IN SELECT * FROM (VALUES ('customer', 'ledger_customers_changed'), ('space', 'ledger_rows_changed'),
                                        ('asset', 'ledger_rows_changed'), ('api_key', 'ledger_rows_changed'),
                                        ('user_account', 'ledger_rows_changed'), ('storage_pack', 'ledger_rows_changed'))
                                AS t (name, function)
    LOOP
        EXECUTE format('CREATE TRIGGER %I AFTER INSERT ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', target.name || '_inserted_notice', target.name, target.function);
        EXECUTE format('CREATE TRIGGER %I AFTER UPDATE ON %I REFERENCING NEW TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', target.name || '_updated_notice', target.name, target.function);
        EXECUTE format('CREATE TRIGGER %I AFTER DELETE ON %I REFERENCING OLD TABLE AS changed '
                       'FOR EACH STATEMENT EXECUTE FUNCTION %I()', target.name || '_deleted_notice', target.name, target.function);
        EXECUTE format('CREATE TRIGGER %I AFTER TRUNCATE ON %I '
                       'FOR EACH STATEMENT EXECUTE FUNCTION ledger_everything_changed()', target.name || '_truncated_notice', target.name);
    END LOOP;
END
$$;
