import { randomBytes, scrypt, timingSafeEqual } from 'node:crypto';

/** What lets the idle lock check the password offline: a salted scrypt hash, never the password. */
export interface UnlockVerifier {
  salt: string;
  hash: string;
}

const KEY_LENGTH = 32;
const COST = { N: 16_384, r: 8, p: 1 } as const;

function derive(password: string, salt: Buffer): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    scrypt(password, salt, KEY_LENGTH, COST, (error, key) => (error ? reject(error) : resolve(key)));
  });
}

export async function createUnlockVerifier(password: string): Promise<UnlockVerifier> {
  const salt = randomBytes(16);
  return { salt: salt.toString('base64'), hash: (await derive(password, salt)).toString('base64') };
}

export async function checkUnlockPassword(verifier: UnlockVerifier, password: string): Promise<boolean> {
  const expected = Buffer.from(verifier.hash, 'base64');
  const actual = await derive(password, Buffer.from(verifier.salt, 'base64'));
  return expected.length === actual.length && timingSafeEqual(expected, actual);
}
