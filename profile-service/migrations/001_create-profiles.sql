-- Up Migration
CREATE TABLE profiles (
  user_id         uuid PRIMARY KEY,
  username        text NOT NULL,
  display_name    text NOT NULL,
  email           text NOT NULL,
  bio             text NOT NULL DEFAULT '',
  registered_at   timestamptz NOT NULL,
  source_event_id text NOT NULL,
  created_at      timestamptz NOT NULL DEFAULT now(),
  updated_at      timestamptz NOT NULL DEFAULT now()
);

-- Down Migration
DROP TABLE profiles;
