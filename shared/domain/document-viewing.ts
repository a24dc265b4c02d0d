/*
 * What Open may do with a document a client uploaded. Anyone can upload anything, so the file is
 * treated as hostile: a browser shows only formats that cannot run code on the page's origin, and
 * the desktop never hands a program to the operating system to run.
 */

/** Formats a browser tab shows by itself without running anything, with the type to serve. */
const BROWSER_VIEWABLE: Record<string, string> = {
  pdf: 'application/pdf',
  png: 'image/png',
  jpg: 'image/jpeg',
  jpeg: 'image/jpeg',
  gif: 'image/gif',
  webp: 'image/webp',
  txt: 'text/plain; charset=utf-8',
};

/**
 * Extensions an operating system runs rather than shows (Windows, macOS and Linux launchers,
 * scripts and installers). Opening one from a client's upload would run the client's code.
 */
const PROGRAM_EXTENSIONS = new Set([
  'exe',
  'com',
  'bat',
  'cmd',
  'msi',
  'msp',
  'scr',
  'pif',
  'cpl',
  'lnk',
  'url',
  'reg',
  'ps1',
  'psm1',
  'vbs',
  'vbe',
  'js',
  'jse',
  'wsf',
  'wsh',
  'hta',
  'jar',
  'app',
  'command',
  'sh',
  'bash',
  'desktop',
  'appimage',
  'run',
  'pkg',
  'dmg',
  'deb',
  'rpm',
  'py',
  'pl',
  'rb',
  'scf',
  'inf',
  'application',
  'gadget',
  'msc',
  'library-ms',
  'settingcontent-ms',
]);

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0
    ? ''
    : fileName
        .slice(dot + 1)
        .trim()
        .toLowerCase();
}

/** The Content-Type a browser tab may show `fileName` as, or null when it must not be shown. */
export function browserViewType(fileName: string): string | null {
  return BROWSER_VIEWABLE[extensionOf(fileName)] ?? null;
}

export function isProgramFile(fileName: string): boolean {
  return PROGRAM_EXTENSIONS.has(extensionOf(fileName));
}

/** Why Open did not show a file, in words for the person who pressed it. */
export const OPEN_REFUSALS = {
  notInBrowser: (name: string) =>
    `${name} can’t be shown in the browser: only PDF, image and text files open here. Use Save to keep a copy, then open it from your Downloads folder.`,
  program: (name: string) =>
    `${name} is a program or script, so Portico won’t open it: it would run on this computer. Use Save if you need a copy.`,
  noApp: (name: string) =>
    `This computer has no app that opens ${name}. Use Save to keep a copy and open it with an app you choose.`,
  tabBlocked: 'Your browser blocked the new tab. Allow pop-ups for Portico, or use Save.',
} as const;
