import { spawnSync } from 'node:child_process';
import { cpSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { describe, expect, it } from 'vitest';
import { SECURE_WEB_PREFERENCES } from '../../../main/security';

const REPO = resolve(import.meta.dirname, '../../..');

interface Finding {
  check: string;
  severity: string;
  file: string;
  location: string;
}

/** Splits the scanner's CSV lines (quoted fields may contain commas). */
function parseCsv(text: string): Finding[] {
  return text
    .split('\n')
    .slice(1)
    .filter((line) => line.trim() !== '')
    .map((line) => {
      const cells =
        line
          .match(/("([^"]|"")*"|[^,]*)(,|$)/g)
          ?.map((cell) => cell.replace(/,$/, '').replace(/^"|"$/g, '')) ?? [];
      return {
        check: cells[0] ?? '',
        severity: cells[1] ?? '',
        file: cells[3] ?? '',
        location: cells[4] ?? '',
      };
    });
}

describe('Electron hardening', () => {
  it('leaves no high or medium electronegativity finding unexplained', () => {
    const out = mkdtempSync(join(tmpdir(), 'portico-electronegativity-'));
    try {
      const report = join(out, 'findings.csv');
      // The source the app is built from: main, preload, and the page the window loads.
      const source = join(out, 'app');
      for (const part of ['main', 'preload', 'renderer/index.html', 'package.json']) {
        cpSync(join(REPO, part), join(source, part), { recursive: true });
      }
      // The scanner looks up Electron releases online first; offline it says so and scans anyway.
      const run = spawnSync(
        join(REPO, 'node_modules', '.bin', 'electronegativity'),
        ['-i', source, '-e', '45.0.0', '-o', report, '-r'],
        { cwd: REPO, encoding: 'utf8', timeout: 120_000 },
      );
      expect(run.error).toBeUndefined();
      const findings = parseCsv(readFileSync(report, 'utf8'));
      const exceptions = (
        JSON.parse(readFileSync(join(REPO, 'docs/security/electronegativity-exceptions.json'), 'utf8')) as {
          exceptions: { check: string; file: string; why: string }[];
        }
      ).exceptions;
      const unexplained = findings.filter(
        (f) =>
          (f.severity === 'HIGH' || f.severity === 'MEDIUM') &&
          !exceptions.some((e) => e.check === f.check && e.file === f.file && e.why.length > 40),
      );
      expect(unexplained).toEqual([]);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 180_000);

  it('states the window’s key protections literally, as the security defaults do', () => {
    const source = readFileSync(join(REPO, 'main/electron/main-window.ts'), 'utf8');
    expect(SECURE_WEB_PREFERENCES.contextIsolation && source.includes('contextIsolation: true')).toBe(true);
    expect(SECURE_WEB_PREFERENCES.sandbox && source.includes('sandbox: true')).toBe(true);
    expect(!SECURE_WEB_PREFERENCES.nodeIntegration && source.includes('nodeIntegration: false')).toBe(true);
    expect(source.includes(`disableBlinkFeatures: '${SECURE_WEB_PREFERENCES.disableBlinkFeatures}'`)).toBe(
      true,
    );
  });
});
