-- Up Migration
-- Nullable: rows stored by a reader that predates user_register v3 have no value at all.
ALTER TABLE profiles ADD COLUMN email_domain text;

-- Down Migration
ALTER TABLE profiles DROP COLUMN email_domain;
