/** Versioned, append-only schema changes; never edit one that has shipped. */
export const migrations: readonly { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'create-profiles',
    sql: `
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
    `,
  },
];
