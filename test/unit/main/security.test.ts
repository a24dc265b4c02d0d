import { describe, expect, it } from 'vitest';
import {
  CONTENT_SECURITY_POLICY,
  isAppUrl,
  isPermissionAllowed,
  openExternalUrl,
  SECURE_WEB_PREFERENCES,
} from '../../../main/security';

describe('security defaults', () => {
  it('opens only web and mail links in the OS, never files, scripts or custom handlers', async () => {
    const opened: string[] = [];
    const open = async (url: string) => {
      opened.push(url);
    };
    expect(await openExternalUrl('https://example.org/help', open)).toBe(true);
    expect(await openExternalUrl('mailto:caseworker@example.org', open)).toBe(true);
    for (const bad of [
      'javascript:alert(1)',
      'file:///etc/passwd',
      'smb://server/share',
      'vbscript:msgbox',
      'data:text/html,<script>alert(1)</script>',
      'ms-msdt:/id',
      'https://user:pass@example.org',
      'not a url',
    ]) {
      expect(await openExternalUrl(bad, open), bad).toBe(false);
    }
    expect(opened).toEqual(['https://example.org/help', 'mailto:caseworker@example.org']);
  });

  it('keeps navigation inside the app', () => {
    expect(isAppUrl('file:///app/out/renderer/index.html', 'file:///app/out/renderer/index.html')).toBe(true);
    expect(isAppUrl('file:///etc/passwd', 'file:///app/out/renderer/index.html')).toBe(false);
    expect(isAppUrl('http://localhost:5173/#/clients', 'http://localhost:5173/')).toBe(true);
    expect(isAppUrl('https://evil.example/', 'http://localhost:5173/')).toBe(false);
  });

  it('isolates and sandboxes the renderer and grants it no permissions', () => {
    expect(SECURE_WEB_PREFERENCES).toMatchObject({
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      webviewTag: false,
    });
    expect(CONTENT_SECURITY_POLICY.startsWith("default-src 'none'")).toBe(true);
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-inline');
    expect(CONTENT_SECURITY_POLICY).not.toContain('unsafe-eval');
    for (const permission of ['geolocation', 'media', 'notifications', 'openExternal', 'clipboard-read']) {
      expect(isPermissionAllowed(permission)).toBe(false);
    }
  });
});
