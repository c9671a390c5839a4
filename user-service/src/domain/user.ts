export interface User {
  id: string;
  email: string;
  username: string;
  displayName: string | null;
  registeredAt: Date;
}

/** A registration answered 201: made by this request, or by an earlier one with the same Idempotency-Key. */
export interface Registration {
  user: User;
  replayed: boolean;
}

export interface NewUser {
  email: string;
  username: string;
  displayName: string | null;
}

/** Keys the unique constraints compare: emails and usernames are unique regardless of case. */
export function emailKey(email: string): string {
  return email.toLowerCase();
}

export function usernameKey(username: string): string {
  return username.toLowerCase();
}
