import { useEffect, useId, useRef, useState } from 'react';
import { Icon } from '../../components/Icon';
import { copyText } from '../../lib/copy-text';
import { formatDateTime } from '../../lib/format';

interface InviteLinkProps {
  url: string;
  expiresAt: string;
  clientName: string;
  /** Copy it as soon as it shows: it was fetched again by a Copy link click. */
  copyOnShow?: boolean;
}

/**
 * The invite link, with Copy, its expiry, and what the client does with it. Nothing sends it: the
 * staff member gives it to the client. It shows when the invitation is made, and again whenever
 * Copy link fetches it while the invitation is pending.
 */
export function InviteLink({ url, expiresAt, clientName, copyOnShow = false }: InviteLinkProps) {
  const inputRef = useRef<HTMLInputElement>(null);
  const id = useId();
  const [copied, setCopied] = useState<'yes' | 'failed' | null>(null);

  useEffect(() => {
    if (!copied) return;
    const timer = setTimeout(() => setCopied(null), 2_500);
    return () => clearTimeout(timer);
  }, [copied]);

  // A new link replaces the old: whatever was said about copying the old one no longer applies.
  // A link fetched by Copy link is copied at once, as the button said.
  // biome-ignore lint/correctness/useExhaustiveDependencies: runs for each new link.
  useEffect(() => {
    setCopied(null);
    if (copyOnShow) void copyText(url, inputRef.current).then((ok) => setCopied(ok ? 'yes' : 'failed'));
  }, [url]);

  return (
    <div className="invite-link">
      <label className="invite-link__label" htmlFor={id}>
        Invite link
      </label>
      <div className="invite-link__row">
        <input
          id={id}
          ref={inputRef}
          className="input invite-link__url"
          value={url}
          readOnly
          spellCheck={false}
          aria-describedby={`${id}-hint`}
          onFocus={(event) => event.target.select()}
        />
        <button
          type="button"
          className="button button--secondary button--sm"
          onClick={() => void copyText(url, inputRef.current).then((ok) => setCopied(ok ? 'yes' : 'failed'))}
        >
          <Icon name={copied === 'yes' ? 'check' : 'copy'} size={15} />
          {copied === 'yes' ? 'Copied' : 'Copy'}
        </button>
      </div>
      <p id={`${id}-hint`} className="invite-link__hint">
        Text or email it to {clientName}: they open it on their phone to set a password and join. It works
        until {formatDateTime(expiresAt)}.
      </p>
      <p className="visually-hidden" aria-live="polite">
        {copied === 'yes'
          ? 'Invite link copied.'
          : copied === 'failed'
            ? 'The link could not be copied. Select it and copy it.'
            : ''}
      </p>
    </div>
  );
}
