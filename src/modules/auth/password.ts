// argon2id hashes (OWASP parameters: 19 MiB, 2 iterations).
import { hash, verify } from '@node-rs/argon2';
import { randomBytes } from 'node:crypto';

export const hashPassword = (password: string) => hash(password, { memoryCost: 19456, timeCost: 2, parallelism: 1 });
export const verifyPassword = (stored: string, password: string) => verify(stored, password).catch(() => false);

// A hash of nothing anyone can type: used for an unknown username so a failed login takes the
// same time whether or not the user exists.
let dummy: Promise<string> | undefined;
export const dummyHash = () => (dummy ??= hashPassword(randomBytes(16).toString('hex')));

/** An initial password that satisfies any policy up to four classes: the user must change it at first login. */
export function generateInitialPassword(): string {
  const body = randomBytes(9).toString('base64url').replace(/[-_]/g, 'x');
  return `${body}A7#`;
}
