import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/*
 * Staff give a client their invitation link by hand (a text, a note, in person), often later than
 * they made it, so the link must be available again while the invitation is pending. The server
 * keeps the token sealed (AES-256-GCM) beside its hash: the hash still finds the invitation when
 * the client opens the link, and the sealed copy lets the server give the same link back to staff
 * who may manage it. The key lives outside the database (INVITE_LINK_KEY, or a file in DATA_DIR
 * that only the server's user can read), so a copy of the database alone still cannot be used to
 * join as a client. Each sealed token is bound to its invitation's id, so it cannot be moved to
 * another row. Hand-made rather than a library: node:crypto's AEAD is the library; this is only its
 * framing.
 */

const KEY_BYTES = 32;
const IV_BYTES = 12;
const VERSION = 'v1';

/** Where the key is kept when INVITE_LINK_KEY is not set. */
export function inviteLinkKeyPath(dataDir: string): string {
  return join(dataDir, 'secrets', 'invite-link.key');
}

function decodeKey(text: string, from: string): Buffer {
  const key = Buffer.from(text.trim(), 'base64');
  if (key.length !== KEY_BYTES)
    throw new Error(`${from} must be ${KEY_BYTES} random bytes in base64 (openssl rand -base64 32).`);
  return key;
}

/**
 * The key from INVITE_LINK_KEY, else from the data folder's key file, made on first start. Every
 * instance on one database must use the same key: they share DATA_DIR (as they share its files/)
 * or are given the same INVITE_LINK_KEY.
 */
export function loadInviteLinkKey(configured: string | undefined, dataDir: string): Buffer {
  if (configured) return decodeKey(configured, 'INVITE_LINK_KEY');
  const path = inviteLinkKeyPath(dataDir);
  mkdirSync(dirname(path), { recursive: true, mode: 0o700 });
  try {
    // 'wx': two instances starting at once cannot both write a key; the second reads the first's.
    writeFileSync(path, randomBytes(KEY_BYTES).toString('base64'), { flag: 'wx', mode: 0o600 });
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'EEXIST') throw error;
  }
  return decodeKey(readFileSync(path, 'utf8'), path);
}

export class InviteLinkSealer {
  constructor(private readonly key: Buffer) {
    if (key.length !== KEY_BYTES) throw new Error(`an invite link key is ${KEY_BYTES} bytes`);
  }

  seal(token: string, inviteId: string): string {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv('aes-256-gcm', this.key, iv);
    cipher.setAAD(Buffer.from(inviteId));
    const sealed = Buffer.concat([cipher.update(token, 'utf8'), cipher.final()]);
    return [VERSION, iv, sealed, cipher.getAuthTag()]
      .map((part) => (typeof part === 'string' ? part : part.toString('base64url')))
      .join('.');
  }

  /** The token, or null when it cannot be read: made under another key, moved, or altered. */
  unseal(sealed: string, inviteId: string): string | null {
    const [version, iv, data, tag] = sealed.split('.');
    if (version !== VERSION || !iv || !data || !tag) return null;
    try {
      const decipher = createDecipheriv('aes-256-gcm', this.key, Buffer.from(iv, 'base64url'));
      decipher.setAAD(Buffer.from(inviteId));
      decipher.setAuthTag(Buffer.from(tag, 'base64url'));
      return Buffer.concat([decipher.update(Buffer.from(data, 'base64url')), decipher.final()]).toString(
        'utf8',
      );
    } catch {
      return null;
    }
  }
}
