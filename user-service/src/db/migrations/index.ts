import usersAndOutbox from './001-users-and-outbox.ts';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Applied in this order; never edit one that has shipped, add the next version instead. */
export const migrations: Migration[] = [usersAndOutbox];
