-- Up Migration
-- The outbox becomes append-only (issue 23): a registration inserts its event and nothing else touches that
-- row until its partition is dropped whole. No claim, no `published_at` update, no per-row delete, so no
-- dead tuples and no dependence on autovacuum (issue 28 §3). One relay (the holder of an advisory lock)
-- reads events in (xact_id, position) order behind the xmin horizon and records how far it got in
-- outbox_checkpoint, once per batch.
CREATE SEQUENCE outbox_position_seq AS bigint;

CREATE TABLE outbox_events (
  -- The writing transaction: rows are relayed only once every transaction with a lower id has ended.
  xact_id xid8 NOT NULL DEFAULT pg_current_xact_id(),
  -- Order within a transaction (a session hands out its sequence values in increasing order).
  position bigint NOT NULL DEFAULT nextval('outbox_position_seq'),
  id uuid NOT NULL,
  aggregate_id uuid NOT NULL,
  topic text NOT NULL,
  payload text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp()
) PARTITION BY RANGE (created_at);

CREATE INDEX outbox_events_order_idx ON outbox_events (xact_id, position);

-- Covers what exists now and the first minutes after; the service creates the next partitions at start-up
-- and keeps OUTBOX_PARTITION_MINUTES-wide ones ahead of the clock (outbox-partitions.ts).
CREATE TABLE outbox_events_before_006 PARTITION OF outbox_events
  FOR VALUES FROM (MINVALUE) TO (date_trunc('minute', now()) + interval '10 minutes');

-- The one row the relay writes per batch, after Kafka acknowledged: the last event it relayed.
CREATE TABLE outbox_checkpoint (
  singleton boolean PRIMARY KEY DEFAULT true CHECK (singleton),
  xact_id xid8 NOT NULL,
  position bigint NOT NULL,
  relayed_at timestamptz NOT NULL DEFAULT now(),
  -- The instance that holds the relay lock (or held it last).
  relay text
) WITH (fillfactor = 20);

-- Events that can never be encoded (payload breaks its contract, no contract for the topic): copied here
-- with the reason, so the relay can move past them. Rare by construction: validated on write.
CREATE TABLE outbox_parked (
  id uuid PRIMARY KEY,
  aggregate_id uuid NOT NULL,
  topic text NOT NULL,
  payload text NOT NULL,
  headers jsonb NOT NULL,
  created_at timestamptz NOT NULL,
  error text NOT NULL,
  parked_at timestamptz NOT NULL DEFAULT now()
);

INSERT INTO outbox_events (id, aggregate_id, topic, payload, headers, created_at)
SELECT id, aggregate_id, topic, payload, headers, created_at FROM outbox
WHERE published_at IS NULL AND failed_at IS NULL
ORDER BY created_at, id;

INSERT INTO outbox_parked (id, aggregate_id, topic, payload, headers, created_at, error, parked_at)
SELECT id, aggregate_id, topic, payload, headers, created_at, coalesce(last_error, 'parked'), failed_at
FROM outbox WHERE failed_at IS NOT NULL;

-- Everything before the copied rows is published.
INSERT INTO outbox_checkpoint (xact_id, position) VALUES ('0'::xid8, 0);

DROP TABLE outbox;
ALTER TABLE outbox_events RENAME TO outbox;
ALTER INDEX outbox_events_order_idx RENAME TO outbox_order_idx;
ALTER TABLE outbox_events_before_006 RENAME TO outbox_before_006;

-- Down Migration
ALTER TABLE outbox RENAME TO outbox_events;
CREATE TABLE outbox (
  id uuid PRIMARY KEY,
  aggregate_id uuid NOT NULL,
  topic text NOT NULL,
  payload text NOT NULL,
  headers jsonb NOT NULL DEFAULT '{}',
  created_at timestamptz NOT NULL DEFAULT clock_timestamp(),
  published_at timestamptz,
  failed_at timestamptz,
  attempts integer NOT NULL DEFAULT 0,
  last_error text
);
CREATE INDEX outbox_pending_idx ON outbox (created_at, id) WHERE published_at IS NULL AND failed_at IS NULL;
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;
INSERT INTO outbox (id, aggregate_id, topic, payload, headers, created_at)
SELECT e.id, e.aggregate_id, e.topic, e.payload, e.headers, e.created_at
FROM outbox_events e, outbox_checkpoint c
WHERE (e.xact_id, e.position) > (c.xact_id, c.position);
INSERT INTO outbox (id, aggregate_id, topic, payload, headers, created_at, failed_at, last_error)
SELECT id, aggregate_id, topic, payload, headers, created_at, parked_at, error FROM outbox_parked;
DROP TABLE outbox_events, outbox_checkpoint, outbox_parked;
DROP SEQUENCE outbox_position_seq;
