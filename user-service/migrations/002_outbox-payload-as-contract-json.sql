-- Up Migration
-- The outbox stores each event in its contract's JSON form (@events/contracts serde.toJSON): any event
-- type, validated on write, read back exactly. jsonb would refuse a "\u0000" a contract may allow.
-- Rows still pending were written in the earlier user_register-only shape: convert them.
ALTER TABLE outbox ALTER COLUMN payload TYPE text USING (
  CASE
    WHEN topic = 'user_register' AND jsonb_typeof(payload -> 'registeredAt') = 'string' THEN
      jsonb_build_object(
        'userId', payload -> 'userId',
        'email', payload -> 'email',
        'username', payload -> 'username',
        'registeredAt', floor(extract(epoch FROM (payload ->> 'registeredAt')::timestamptz) * 1000)::bigint,
        'displayName', CASE
          WHEN coalesce(payload -> 'displayName', 'null'::jsonb) = 'null'::jsonb THEN 'null'::jsonb
          ELSE jsonb_build_object('string', payload -> 'displayName')
        END
      )::text
    ELSE payload::text
  END
);

-- Down Migration
ALTER TABLE outbox ALTER COLUMN payload TYPE jsonb USING (
  CASE
    WHEN topic = 'user_register' THEN
      jsonb_build_object(
        'userId', payload::jsonb -> 'userId',
        'email', payload::jsonb -> 'email',
        'username', payload::jsonb -> 'username',
        'registeredAt', to_jsonb(to_char(
          to_timestamp((payload::jsonb ->> 'registeredAt')::bigint / 1000.0) AT TIME ZONE 'UTC',
          'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"'
        )),
        'displayName', coalesce(payload::jsonb -> 'displayName' -> 'string', 'null'::jsonb)
      )
    ELSE payload::jsonb
  END
);
