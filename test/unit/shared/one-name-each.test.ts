import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { describe, expect, it } from 'vitest';

/*
 * One name for each thing, everywhere a person reads it: the desktop's screens, the portal in
 * English and Spanish, shared texts, and the messages the desktop services and the server answer
 * with. Every string literal and every piece of JSX text in those sources is read (comments and
 * identifiers are not what a person sees) and checked for names the product has retired.
 */
const REPO = resolve(import.meta.dirname, '../../..');
const ROOTS = ['renderer/src', 'server', 'shared', 'main'];
const SKIP = new Set(['node_modules', 'out', 'dist']);

/** Each retired name, and the name to use instead. */
const RETIRED: { pattern: RegExp; use: string }[] = [
  { pattern: /\bElectronic (ROI|Release of Information)\b/i, use: 'Release of Information' },
  { pattern: /\beROI\b/, use: 'Release of Information' },
  // The name is capitalized wherever it stands, as the help article writes it.
  {
    pattern: /\b(?!Release of Information|Releases of Information)[Rr]eleases? of [Ii]nformation\b/,
    use: 'Release of Information',
  },
  { pattern: /\bCase Manager\b/, use: 'Case manager' },
  { pattern: /\bcase ?workers?\b/i, use: 'case manager' },
  // The toolbar's Image: "picture" named the same thing in other words.
  { pattern: /\bpictures?\b/i, use: 'image' },
  // The toolbar's items as the help article names them.
  { pattern: /\bItalic\b/, use: 'Italics' },
  {
    pattern: /\b(Bullet|Bullets|Unordered|Ordered|Numbered) [Ll]ist\b(?<!Numbered list)/,
    use: 'Bulleted list / Numbered list',
  },
  { pattern: /\b(Insert|Add) (image|table|picture)\b/i, use: 'Image / Table' },
  { pattern: /\bHTML view\b|\bView source\b/i, use: 'Source' },
  // The portal's Spanish keeps one name each too.
  {
    pattern: /\b(gestora?|trabajadora?|encargad[oa]) (de casos?|social)\b|\badministrador de caso\b/i,
    use: 'administrador de casos',
  },
  { pattern: /\bdivulgaci[oó]n de (la )?informaci[oó]n\b/i, use: 'autorización para compartir información' },
];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    if (SKIP.has(name)) return [];
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [path] : [];
  });
}

/** What a person may read in a file: its string literals, template pieces and JSX text. */
function visibleTexts(path: string): string[] {
  const source = ts.createSourceFile(path, readFileSync(path, 'utf8'), ts.ScriptTarget.Latest, true);
  const texts: string[] = [];
  const visit = (node: ts.Node) => {
    // Module names are code, not words.
    if (ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) return;
    if (
      ts.isStringLiteral(node) ||
      ts.isNoSubstitutionTemplateLiteral(node) ||
      ts.isTemplateHead(node) ||
      ts.isTemplateMiddle(node) ||
      ts.isTemplateTail(node) ||
      ts.isJsxText(node)
    ) {
      if (node.text.trim()) texts.push(node.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return texts;
}

describe('one name for each thing', () => {
  const files = ROOTS.flatMap((root) => sourceFiles(join(REPO, root)));

  it('reads the sources a person’s words come from', () => {
    const names = files.map((file) => relative(REPO, file));
    for (const expected of [
      'renderer/src/screens/mass-send/MassSendScreen.tsx',
      'server/portal/src/i18n/en.ts',
      'server/portal/src/i18n/es.ts',
      'shared/domain/mass-send.ts',
      'server/seed/demo-data.ts',
    ]) {
      expect(names).toContain(expected);
    }
  });

  it('never shows a retired name', () => {
    const found: string[] = [];
    for (const file of files) {
      for (const text of visibleTexts(file)) {
        for (const { pattern, use } of RETIRED) {
          const match = pattern.exec(text);
          if (match) found.push(`${relative(REPO, file)}: “${match[0]}” in “${text.trim()}” (use ${use})`);
        }
      }
    }
    expect(found).toEqual([]);
  });
});
