/** Valid registrations, a third of them with non-ASCII usernames and display names to prove byte-exact round-trips. */
export interface Registration {
  email: string;
  username: string;
  displayName: string | null;
}

const scripts = ['zoë', '用户', 'пётр', 'نور', 'ødegård', 'δοκιμή', 'ñandú', 'हिंदी'];
const displayNames = ['Zoë 😀 Saldaña', '山田 太郎', 'Ђорђе Петровић', '👩🏽‍💻 Ada', 'مرحبا', null];

export function registration(runId: string, index: number): Registration {
  const tag = `${runId}${index.toString(36)}`;
  if (index % 3 !== 0) return { email: `user.${tag}@example.com`, username: `u_${tag}`, displayName: null };
  return {
    email: `User.${tag}@Example.com`,
    username: `${scripts[index % scripts.length]}_${tag}`.normalize('NFC'),
    displayName: displayNames[index % displayNames.length] ?? null,
  };
}
