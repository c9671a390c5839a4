/**
 * The ceiling for POST /users: Express with `express.json()` and one parameterized INSERT into a plain table
 * of the same PostgreSQL, with the same pool size as user-service. No validation, no outbox, no transaction.
 */
import { randomUUID } from 'node:crypto';
import express from 'express';
import pg from 'pg';

const databaseUrl = process.env.DATABASE_URL;
if (!databaseUrl) throw new Error('DATABASE_URL is required');
const port = Number(process.env.PORT ?? 3202);

const pool = new pg.Pool({ connectionString: databaseUrl, max: 10 });
await pool.query(`CREATE TABLE IF NOT EXISTS bare_users (
  id uuid PRIMARY KEY, email text NOT NULL, username text NOT NULL, display_name text, registered_at timestamptz NOT NULL
)`);

const app = express();
app.use(express.json());
app.get('/healthz', (_req, res) => {
  res.json({ status: 'ok' });
});
app.post('/users', async (req, res) => {
  const { email, username, displayName } = req.body as {
    email: string;
    username: string;
    displayName: string | null;
  };
  const id = randomUUID();
  await pool.query(
    'INSERT INTO bare_users (id, email, username, display_name, registered_at) VALUES ($1, $2, $3, $4, now())',
    [id, email, username, displayName],
  );
  res.status(201).json({ id });
});

const server = app.listen(port, '127.0.0.1');
process.once('SIGTERM', () => {
  server.close(() => void pool.end().then(() => process.exit(0)));
});
