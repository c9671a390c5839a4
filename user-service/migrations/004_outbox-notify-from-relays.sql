-- Up Migration
-- NOTIFY in a transaction takes a database-wide lock from its commit until the end of the commit, so every
-- registration's commit (its WAL flush included) waited for the one before: POST /users ran at about half
-- the rate without the trigger. The writing process now hands its rows to its own relay in memory, and a
-- relay that cannot publish announces pending rows to the others itself (see the README's outbox section).
DROP TRIGGER outbox_notify ON outbox;
DROP FUNCTION notify_outbox();

-- Down Migration
CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('user_service_outbox', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();
