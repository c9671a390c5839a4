import type pg from 'pg';
import type { Profile } from '../domain/profile.ts';
import type { ProfileRepository } from '../domain/store-profiles.ts';
import { toDatabaseError } from './database-error.ts';

// One statement for the whole batch. The WHERE guard makes a redelivery (same registeredAt) a no-op
// and keeps an older registration from overwriting a newer one; bio belongs to the user and is never touched.
const UPSERT_SQL = `
  INSERT INTO profiles (user_id, username, display_name, email, registered_at, source_event_id)
  SELECT * FROM unnest($1::uuid[], $2::text[], $3::text[], $4::text[], $5::timestamptz[], $6::text[])
  ON CONFLICT (user_id) DO UPDATE SET
    username = EXCLUDED.username,
    display_name = EXCLUDED.display_name,
    email = EXCLUDED.email,
    registered_at = EXCLUDED.registered_at,
    source_event_id = EXCLUDED.source_event_id,
    updated_at = now()
  WHERE profiles.registered_at < EXCLUDED.registered_at
  RETURNING user_id, (xmax = 0) AS inserted`;

const SELECT_SQL = `
  SELECT user_id, username, display_name, email, bio, registered_at, source_event_id, created_at, updated_at
  FROM profiles WHERE user_id = $1`;

interface ProfileRecord {
  user_id: string;
  username: string;
  display_name: string;
  email: string;
  bio: string;
  registered_at: Date;
  source_event_id: string;
  created_at: Date;
  updated_at: Date;
}

export function createProfileRepository({ pool }: { pool: pg.Pool }): ProfileRepository {
  return {
    async upsertMany(drafts) {
      if (drafts.length === 0) return { created: [], updated: [] };
      const columns = [
        drafts.map((d) => d.userId),
        drafts.map((d) => d.username),
        drafts.map((d) => d.displayName),
        drafts.map((d) => d.email),
        drafts.map((d) => d.registeredAt),
        drafts.map((d) => d.sourceEventId),
      ];
      try {
        // A single statement is atomic on its own: no explicit transaction needed.
        // Named: each connection parses and plans it once, not once per chunk.
        const { rows } = await pool.query<{ user_id: string; inserted: boolean }>({
          name: 'upsert-profiles',
          text: UPSERT_SQL,
          values: columns,
        });
        return {
          created: rows.filter((r) => r.inserted).map((r) => r.user_id),
          updated: rows.filter((r) => !r.inserted).map((r) => r.user_id),
        };
      } catch (error) {
        throw toDatabaseError(error, 'upserting profiles');
      }
    },

    async findById(userId) {
      try {
        const { rows } = await pool.query<ProfileRecord>(SELECT_SQL, [userId]);
        const row = rows[0];
        return row === undefined ? undefined : toProfile(row);
      } catch (error) {
        throw toDatabaseError(error, 'reading a profile');
      }
    },

    async ping() {
      try {
        await pool.query('SELECT 1');
      } catch (error) {
        throw toDatabaseError(error, 'pinging the database');
      }
    },
  };
}

function toProfile(row: ProfileRecord): Profile {
  return {
    userId: row.user_id,
    username: row.username,
    displayName: row.display_name,
    email: row.email,
    bio: row.bio,
    registeredAt: row.registered_at,
    sourceEventId: row.source_event_id,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}
