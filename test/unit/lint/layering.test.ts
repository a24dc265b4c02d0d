import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const REPO = resolve(import.meta.dirname, '../../..');
const BIOME = join(REPO, 'node_modules', '.bin', 'biome');

/*
 * Each case is linted as a file at its place in a scratch copy of the project layout, with the
 * project's own biome.json, so the real layering rules are what refuse it.
 */
const sandbox = mkdtempSync(join(tmpdir(), 'portico-layering-'));
const config = JSON.parse(readFileSync(join(REPO, 'biome.json'), 'utf8')) as Record<string, unknown>;
delete config.$schema;
config.vcs = { enabled: false };

afterAll(() => rmSync(sandbox, { recursive: true, force: true }));

let counter = 0;
function lint(path: string, source: string): string {
  // Overrides match paths from the project root, so each case gets a root of its own.
  const root = join(sandbox, String(counter++));
  mkdirSync(dirname(join(root, path)), { recursive: true });
  writeFileSync(join(root, path), source);
  writeFileSync(join(root, 'biome.json'), JSON.stringify(config));
  const result = spawnSync(BIOME, ['lint', path], { cwd: root, encoding: 'utf8' });
  return `${result.stdout}${result.stderr}`;
}

const VIOLATIONS: [string, string, RegExp][] = [
  ['shared/domain/x.ts', "import { app } from 'electron';\nexport const a = app;\n", /noRestrictedImports/],
  [
    'shared/domain/x.ts',
    "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    /noNodejsModules/,
  ],
  ['shared/domain/x.ts', 'export const a = () => document.title;\n', /noRestrictedGlobals/],
  [
    'shared/domain/x.ts',
    "import { x } from '../../main/services/ports';\nexport const a = x;\n",
    /noRestrictedImports/,
  ],
  [
    'renderer/src/x.ts',
    "import { x } from '../../main/services/ports';\nexport const a = x;\n",
    /noRestrictedImports/,
  ],
  [
    'renderer/src/x.ts',
    "import { x } from '../../preload/index';\nexport const a = x;\n",
    /noRestrictedImports/,
  ],
  [
    'renderer/src/x.ts',
    "import { ipcRenderer } from 'electron';\nexport const a = ipcRenderer;\n",
    /noRestrictedImports/,
  ],
  [
    'renderer/src/x.ts',
    "import { readFileSync } from 'node:fs';\nexport const a = readFileSync;\n",
    /noNodejsModules/,
  ],
  [
    'main/services/x.ts',
    "import { shell } from 'electron';\nexport const a = shell;\n",
    /noRestrictedImports/,
  ],
  [
    'server/x.ts',
    "import { x } from '../main/services/ports';\nexport const a = x;\n",
    /noRestrictedImports/,
  ],
];

describe('layering is a lint error', () => {
  it.each(VIOLATIONS)('%s: %s is refused', (path, source, rule) => {
    expect(lint(path, source)).toMatch(rule);
  });

  it('allows what each layer may import', () => {
    expect(
      lint('main/electron/x.ts', "import { shell } from 'electron';\nexport const a = shell;\n"),
    ).not.toMatch(/noRestrictedImports/);
    expect(
      lint('renderer/src/x.ts', "import { x } from '../../shared/bridge/api';\nexport const a = x;\n"),
    ).not.toMatch(/noRestrictedImports/);
  });
});
