import { type MouseEvent, useEffect, useRef } from 'react';
import { sanitizeHtml } from '../../../../shared/rich-text';
import { bridge } from '../../bridge';
import { loadAttachment } from '../../lib/attachment-cache';
import { messageOf } from '../../lib/errors';
import { showToast } from '../../stores/toast-store';

/**
 * A message body. The HTML is put through the shared sanitizer here, whatever the server already
 * did, and parsed in an inert <template> so nothing in it loads or runs before its pictures are
 * pointed at data URLs the services resolve. Links open in the person's browser, never in Portico.
 */
export function MessageBody({ html }: { html: string }) {
  const ref = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const container = ref.current;
    if (!container) return;
    const template = document.createElement('template');
    template.innerHTML = sanitizeHtml(html);
    const pictures = Array.from(template.content.querySelectorAll('img')).map((img) => {
      const url = img.getAttribute('src') ?? '';
      img.removeAttribute('src');
      img.classList.add('message-body__picture', 'is-loading');
      return { img, url };
    });
    container.replaceChildren(template.content);
    let live = true;
    for (const { img, url } of pictures) {
      void loadAttachment(url).then((src) => {
        if (!live) return;
        img.classList.remove('is-loading');
        if (src) img.src = src;
        else img.classList.add('is-missing');
      });
    }
    return () => {
      live = false;
    };
  }, [html]);

  const onClick = (event: MouseEvent<HTMLDivElement>) => {
    const anchor = (event.target as Element).closest('a');
    if (!anchor || !ref.current?.contains(anchor)) return;
    event.preventDefault();
    const url = anchor.getAttribute('href');
    if (!url) return;
    bridge.shell.openExternal({ url }).catch((error: unknown) => showToast(messageOf(error)));
  };

  // biome-ignore lint/a11y/useKeyWithClickEvents: the clicks caught here come from the links inside, which are focusable and fire click on Enter.
  // biome-ignore lint/a11y/noStaticElementInteractions: same: this only intercepts its links' activation.
  return <div ref={ref} className="message-body" onClick={onClick} />;
}
