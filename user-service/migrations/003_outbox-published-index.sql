-- Up Migration
-- The pruner deletes published rows oldest first; this index finds them without reading the pending ones
-- (or the whole table). Claims keep using outbox_pending_idx, which holds only unpublished rows.
CREATE INDEX outbox_published_idx ON outbox (published_at) WHERE published_at IS NOT NULL;

-- Down Migration
DROP INDEX outbox_published_idx;
