import { useEffect, useRef, useState } from 'react';
import { PORTAL_IDLE_TIMEOUT_MS, PORTAL_IDLE_WARNING_MS } from '../../../../shared/domain/portal-account';
import { lastContactAt } from '../api/http';
import { whoAmI } from '../api/portal-api';
import { useI18n } from '../i18n';
import { useSession } from './session';

const TICK_MS = 1000;
/** Reading or typing without a server call still counts: the server is told at most this often. */
const KEEPALIVE_AFTER_MS = 5 * 60_000;
const ACTIVITY_EVENTS = ['pointerdown', 'keydown', 'touchstart', 'wheel', 'input'] as const;

/**
 * Ends a signed-in visit after 30 minutes without activity, as the server does, warning two
 * minutes before. The server's clock slides with every call; this page tells it about activity
 * that made no call (reading, typing a long reply) every few minutes, so the two agree.
 */
export function IdleWatcher() {
  const { t } = useI18n();
  const { signOut } = useSession();
  const dialog = useRef<HTMLDialogElement>(null);
  const lastActivity = useRef(Date.now());
  const pinging = useRef(false);
  const [secondsLeft, setSecondsLeft] = useState<number | undefined>(undefined);

  useEffect(() => {
    const active = () => {
      lastActivity.current = Date.now();
    };
    for (const name of ACTIVITY_EVENTS)
      window.addEventListener(name, active, { capture: true, passive: true });
    const timer = window.setInterval(() => {
      const now = Date.now();
      const idle = now - lastActivity.current;
      if (idle >= PORTAL_IDLE_TIMEOUT_MS) {
        void signOut('idle');
        return;
      }
      const warn = idle >= PORTAL_IDLE_TIMEOUT_MS - PORTAL_IDLE_WARNING_MS;
      setSecondsLeft(warn ? Math.ceil((PORTAL_IDLE_TIMEOUT_MS - idle) / 1000) : undefined);
      const contact = lastContactAt();
      if (!pinging.current && lastActivity.current > contact && now - contact >= KEEPALIVE_AFTER_MS) {
        pinging.current = true;
        void whoAmI()
          .catch(() => undefined)
          .finally(() => {
            pinging.current = false;
          });
      }
    }, TICK_MS);
    return () => {
      for (const name of ACTIVITY_EVENTS) window.removeEventListener(name, active, { capture: true });
      window.clearInterval(timer);
    };
  }, [signOut]);

  const warning = secondsLeft !== undefined;
  useEffect(() => {
    const element = dialog.current;
    if (!element) return;
    if (warning && !element.open) element.showModal();
    if (!warning && element.open) element.close();
  }, [warning]);

  const stay = () => {
    lastActivity.current = Date.now();
    setSecondsLeft(undefined);
    void whoAmI().catch(() => undefined);
  };

  const minutes = Math.floor((secondsLeft ?? 0) / 60);
  const seconds = String((secondsLeft ?? 0) % 60).padStart(2, '0');
  return (
    <dialog
      ref={dialog}
      className="idle-dialog"
      aria-labelledby="idle-title"
      aria-describedby="idle-text"
      onCancel={(event) => {
        // Escape means "I'm here": stay signed in.
        event.preventDefault();
        stay();
      }}
    >
      <h2 id="idle-title">{t('idle.title')}</h2>
      <p id="idle-text">{t('idle.text')}</p>
      <p className="idle-countdown">{t('idle.countdown', { time: `${minutes}:${seconds}` })}</p>
      <div className="dialog-actions">
        {/* biome-ignore lint/a11y/noAutofocus: the dialog's main action takes focus when it opens. */}
        <button type="button" className="button button-primary" onClick={stay} autoFocus>
          {t('idle.stay')}
        </button>
        <button type="button" className="button button-secondary" onClick={() => void signOut('signed-out')}>
          {t('nav.signOut')}
        </button>
      </div>
    </dialog>
  );
}
