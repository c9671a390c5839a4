/** What user_register v3's `emailDomain` carries: the part of the address after its last `@`, lower-cased. */
export function emailDomainOf(email: string): string {
  return email.slice(email.lastIndexOf('@') + 1).toLowerCase();
}
