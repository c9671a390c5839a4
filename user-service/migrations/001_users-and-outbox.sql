-- Up Migration
CREATE TABLE users (
  id uuid PRIMARY KEY,
  email text NOT NULL,
  email_key text NOT NULL CONSTRAINT users_email_key_unique UNIQUE,
  username text NOT NULL,
  username_key text NOT NULL CONSTRAINT users_username_key_unique UNIQUE,
  display_name text,
  registered_at timestamptz NOT NULL
);

CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  aggregate_id uuid NOT NULL,
  topic text NOT NULL,
  payload jsonb NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_at timestamptz,
  failed_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);

CREATE INDEX outbox_pending_idx ON outbox (created_at, id) WHERE published_at IS NULL AND failed_at IS NULL;

CREATE FUNCTION notify_outbox() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  PERFORM pg_notify('user_service_outbox', TG_TABLE_SCHEMA);
  RETURN NULL;
END
$$;

CREATE TRIGGER outbox_notify AFTER INSERT ON outbox FOR EACH STATEMENT EXECUTE FUNCTION notify_outbox();

-- Down Migration
DROP TABLE outbox;
DROP FUNCTION notify_outbox();
DROP TABLE users;
