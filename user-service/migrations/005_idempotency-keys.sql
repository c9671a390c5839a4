-- Up Migration
-- POST /users with an Idempotency-Key: the key is inserted by the registration's own statement, so it exists
-- exactly when its registration does, and a retry finds the answer even when the first one was lost.
-- `fingerprint` tells a retry of the same registration from a reuse of the key for another (422). The
-- pruner deletes keys older than IDEMPOTENCY_KEY_RETENTION_MINUTES in batches, oldest first.
CREATE TABLE idempotency_keys (
  key text COLLATE "C" PRIMARY KEY,
  fingerprint text NOT NULL,
  user_id uuid NOT NULL,
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE INDEX idempotency_keys_created_idx ON idempotency_keys (created_at);

-- Down Migration
DROP TABLE idempotency_keys;
