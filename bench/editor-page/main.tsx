import { useState } from 'react';
import { createRoot } from 'react-dom/client';
import { buildNamedMethods, type PorticoRawApi } from '../../shared/bridge/api';
import type { BridgeEnvelope } from '../../shared/bridge/envelope';
import type { RichTextDocument } from '../../shared/rich-text/model';
import '../../renderer/src/styles/tokens.css';
import '../../renderer/src/styles/base.css';
import '../../renderer/src/styles/controls.css';
import '../../renderer/src/styles/editor.css';

/*
 * The editor bench page (built with Vite in production mode by bench/figures/editor-typing.ts).
 * It mounts the project's RichTextEditor with a 200-paragraph document, and the same paragraphs in
 * a plain contenteditable as the floor, and records per keystroke how long the page's main thread
 * was busy with it: from the keydown's timestamp until its handlers, Slate and React's commit have run, with
 * style and layout forced. That is the part of a keystroke that must fit in a 16 ms frame; waiting
 * for the next frame is left out, since it depends only on when in the 60 Hz cycle the key arrived.
 */

declare global {
  interface Window {
    benchSamples: number[];
    benchReady: boolean;
  }
}

const PARAGRAPHS = 200;
const SENTENCES = [
  'Met with the client at the day center to go over the housing application.',
  'She brought her ID and the letter from the clinic, so the packet is complete.',
  'Next step is the landlord reference and a copy of the last two pay stubs.',
];

function paragraphText(index: number): string {
  return `${index + 1}. ${SENTENCES[index % 3] ?? ''} ${SENTENCES[(index + 1) % 3] ?? ''}`;
}

function benchDocument(): RichTextDocument {
  return Array.from({ length: PARAGRAPHS }, (_, index) => ({
    type: 'paragraph' as const,
    children:
      index % 5 === 0
        ? [{ text: 'Update: ', bold: true as const }, { text: paragraphText(index) }]
        : [{ text: paragraphText(index) }],
  }));
}

/** The editor's picture upload imports the bridge, which would dial a browser host; this answers instead. */
function installOfflineBridge(): void {
  const offline = (): Promise<BridgeEnvelope<never>> =>
    Promise.resolve({
      ok: false,
      error: { code: 'offline', message: 'There are no services in the editor bench.' },
    });
  window.portico = { ...buildNamedMethods(offline), on: () => () => {} } as unknown as PorticoRawApi;
}

/**
 * Records one sample per keystroke: from its keydown's timestamp until the work it caused is done.
 * The end is taken in a microtask queued by a bubbling (beforeinput, input) listener on window, so
 * it runs after the editor's own handlers and after the microtask in which React commits their
 * update; style and layout are forced there too. A task posted instead would only run after the
 * next frame (Chromium renders before other tasks after input), which adds the wait for vsync.
 */
function recordKeystrokes(target: HTMLElement): void {
  window.benchSamples = [];
  let keydownAt: number | null = null;
  let sample = -1;
  window.addEventListener(
    'keydown',
    (event) => {
      keydownAt = event.timeStamp;
      sample = -1;
    },
    { capture: true },
  );
  const finish = () => {
    const start = keydownAt;
    if (start === null) return;
    queueMicrotask(() =>
      queueMicrotask(() => {
        target.getBoundingClientRect();
        void document.body.offsetHeight;
        const elapsed = performance.now() - start;
        // beforeinput, then input (unless the editor cancelled it): the later one ends the keystroke.
        if (sample === -1) sample = window.benchSamples.push(elapsed) - 1;
        else window.benchSamples[sample] = elapsed;
      }),
    );
  };
  window.addEventListener('beforeinput', finish);
  window.addEventListener('input', finish);
}

function ComposeLikeEditor({
  RichTextEditor,
}: {
  RichTextEditor: typeof import('../../renderer/src/editor/RichTextEditor').RichTextEditor;
}) {
  // As in the compose dialog, every change is kept in the parent's state, which re-renders it.
  const [, setContent] = useState<RichTextDocument>(benchDocument);
  return <RichTextEditor initialValue={benchDocument()} label="Message" onChange={setContent} />;
}

async function main(): Promise<void> {
  installOfflineBridge();
  // Imported only now, so the bridge module sees the stand-in above when it loads.
  const { RichTextEditor } = await import('../../renderer/src/editor/RichTextEditor');
  const editor = document.getElementById('editor');
  if (!editor) throw new Error('the bench page has no #editor');
  // The floor: the same paragraphs in a plain contenteditable, no React, no Slate.
  const plain = document.createElement('div');
  plain.id = 'plain';
  plain.className = 'rte__content';
  plain.contentEditable = 'true';
  document.body.append(plain);
  for (let index = 0; index < PARAGRAPHS; index++) {
    const paragraph = document.createElement('p');
    paragraph.textContent = paragraphText(index);
    plain.append(paragraph);
  }
  recordKeystrokes(document.body);
  createRoot(editor).render(<ComposeLikeEditor RichTextEditor={RichTextEditor} />);
  window.benchReady = true;
}

void main();
