import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import {
  InviteLinkSealer,
  inviteLinkKeyPath,
  loadInviteLinkKey,
} from '../../../server/portal-invites/link-sealer';

const TOKEN = 'k3Jx0Q9-invitation-token_made-of-32-random-bytes';
const INVITE = '6f1c2d3e-4a5b-4c6d-8e7f-9a0b1c2d3e4f';
const OTHER_INVITE = '00000000-4a5b-4c6d-8e7f-9a0b1c2d3e4f';

describe('sealing invitation tokens', () => {
  const dirs: string[] = [];
  const tempDir = () => {
    const dir = mkdtempSync(join(tmpdir(), 'portico-link-key-'));
    dirs.push(dir);
    return dir;
  };
  afterEach(() => {
    for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
  });

  it('gives the token back only to the same key and the same invitation', () => {
    const sealer = new InviteLinkSealer(Buffer.alloc(32, 1));
    const sealed = sealer.seal(TOKEN, INVITE);
    expect(sealed).not.toContain(TOKEN);
    expect(sealer.seal(TOKEN, INVITE)).not.toBe(sealed);
    expect(sealer.unseal(sealed, INVITE)).toBe(TOKEN);
    expect(sealer.unseal(sealed, OTHER_INVITE)).toBeNull();
    expect(new InviteLinkSealer(Buffer.alloc(32, 2)).unseal(sealed, INVITE)).toBeNull();
  });

  it('reads anything altered or malformed as nothing', () => {
    const sealer = new InviteLinkSealer(Buffer.alloc(32, 1));
    const [version, iv, data, tag] = sealer.seal(TOKEN, INVITE).split('.') as [
      string,
      string,
      string,
      string,
    ];
    const flipped = `${data.startsWith('A') ? 'B' : 'A'}${data.slice(1)}`;
    for (const bad of [
      `${version}.${iv}.${flipped}.${tag}`,
      `v2.${iv}.${data}.${tag}`,
      `${version}.${iv}.${data}`,
      '',
      'not sealed at all',
    ]) {
      expect(sealer.unseal(bad, INVITE)).toBeNull();
    }
  });

  it('makes the key file once, readable only by the server’s user, and every instance reads the same key', () => {
    const dataDir = tempDir();
    const first = loadInviteLinkKey(undefined, dataDir);
    const second = loadInviteLinkKey(undefined, dataDir);
    expect(second.equals(first)).toBe(true);
    expect(first).toHaveLength(32);
    expect(statSync(inviteLinkKeyPath(dataDir)).mode & 0o777).toBe(0o600);
    expect(readFileSync(inviteLinkKeyPath(dataDir), 'utf8')).toBe(first.toString('base64'));
    expect(loadInviteLinkKey(undefined, tempDir()).equals(first)).toBe(false);
  });

  it('takes INVITE_LINK_KEY when given, and refuses one that is not 32 bytes', () => {
    const key = Buffer.alloc(32, 9).toString('base64');
    expect(loadInviteLinkKey(key, tempDir()).equals(Buffer.alloc(32, 9))).toBe(true);
    expect(() => loadInviteLinkKey('c2hvcnQ=', tempDir())).toThrow(/INVITE_LINK_KEY must be 32 random bytes/);
  });
});
