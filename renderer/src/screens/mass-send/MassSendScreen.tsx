import { type KeyboardEvent, useEffect, useRef, useState } from 'react';
import {
  MASS_SEND_KINDS,
  MASS_SEND_TAB_LABELS,
  type MassSendKind,
} from '../../../../shared/domain/mass-send';
import { toHtml } from '../../../../shared/rich-text';
import { NAMES } from '../../../../shared/text/names';
import { Icon } from '../../components/Icon';
import { useMassSendStore } from '../../stores/mass-send-store';
import { KIND_ICONS } from './job-status';
import { MassSendContent } from './MassSendContent';
import type { MassSendErrors } from './mass-send-form';
import { RecentMassSends } from './RecentMassSends';
import { RecipientList } from './RecipientList';
import { RecipientPicker } from './RecipientPicker';
import { SendBar } from './SendBar';

const CONTENT_TITLES: Record<MassSendKind, string> = {
  message: 'Message',
  document: 'Document to request',
  assessment: 'Assessment to request',
  location: 'Location request',
  roi: `${NAMES.releaseOfInformation} request`,
};

/**
 * MASS SENDING: one message or Customer Portal request to many clients. The tabs choose what is
 * sent; the recipients are the same whichever tab is open. The server fans it out as one job.
 */
export function MassSendScreen() {
  const kind = useMassSendStore((state) => state.kind);
  const open = useMassSendStore((state) => state.open);
  const setKind = useMassSendStore((state) => state.setKind);
  const [errors, setErrors] = useState<MassSendErrors>({});
  const [sending, setSending] = useState(false);
  const headingRef = useRef<HTMLHeadingElement>(null);
  const tabRefs = useRef<(HTMLButtonElement | null)[]>([]);

  useEffect(() => {
    void open();
  }, [open]);

  useEffect(() => {
    headingRef.current?.focus({ preventScroll: true });
  }, []);

  const select = (index: number) => {
    const next = MASS_SEND_KINDS[(index + MASS_SEND_KINDS.length) % MASS_SEND_KINDS.length];
    if (!next) return;
    setKind(next);
    setErrors({});
    tabRefs.current[MASS_SEND_KINDS.indexOf(next)]?.focus();
  };

  const onTabKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const current = MASS_SEND_KINDS.indexOf(kind);
    const moves: Record<string, number> = {
      ArrowRight: current + 1,
      ArrowLeft: current - 1,
      Home: 0,
      End: MASS_SEND_KINDS.length - 1,
    };
    const target = moves[event.key];
    if (target === undefined) return;
    event.preventDefault();
    select(target);
  };

  return (
    <div className="page page--mass-send">
      <div className="page__header">
        <div>
          <h1 ref={headingRef} className="page__title" tabIndex={-1}>
            MASS SENDING
          </h1>
          <p className="page__subtitle">
            Send one message or request to many clients through the Customer Portal. Each client gets their
            own copy; no one sees who else received it.
          </p>
        </div>
      </div>
      <div className="card mass-send">
        <div role="tablist" aria-label="What to send" className="tabs" onKeyDown={onTabKey}>
          {MASS_SEND_KINDS.map((each, index) => (
            <button
              key={each}
              ref={(element) => {
                tabRefs.current[index] = element;
              }}
              type="button"
              role="tab"
              id={`mass-send-tab-${each}`}
              aria-selected={each === kind}
              aria-controls="mass-send-panel"
              tabIndex={each === kind ? 0 : -1}
              className="tabs__tab"
              onClick={() => select(index)}
            >
              <Icon name={KIND_ICONS[each]} size={17} />
              {MASS_SEND_TAB_LABELS[each]}
            </button>
          ))}
        </div>
        <div
          role="tabpanel"
          id="mass-send-panel"
          aria-labelledby={`mass-send-tab-${kind}`}
          className="mass-send__panel"
        >
          <section className="mass-send__step" aria-labelledby="mass-send-recipients">
            <h2 id="mass-send-recipients" className="mass-send__step-title">
              <span className="mass-send__step-number" aria-hidden="true">
                1
              </span>
              Recipients
            </h2>
            <RecipientPicker />
            <RecipientList error={errors.clientIds} />
          </section>
          <section className="mass-send__step" aria-labelledby="mass-send-content">
            <h2 id="mass-send-content" className="mass-send__step-title">
              <span className="mass-send__step-number" aria-hidden="true">
                2
              </span>
              {CONTENT_TITLES[kind]}
            </h2>
            <MassSendContent
              errors={errors}
              disabled={sending}
              onEdited={(fields) =>
                setErrors((current) => {
                  const next = { ...current };
                  for (const field of fields) delete next[field];
                  return next;
                })
              }
            />
          </section>
          <SendBar
            sending={sending}
            onSending={setSending}
            onInvalid={setErrors}
            html={() => toHtml(useMassSendStore.getState().message)}
          />
        </div>
      </div>
      <RecentMassSends />
    </div>
  );
}
