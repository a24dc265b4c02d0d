import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import { ROLE_LABELS } from '../../../../shared/domain/roles';
import type { SessionUser } from '../../../../shared/domain/session';
import { Icon } from '../../components/Icon';
import { useDismiss } from '../../lib/use-dismiss';
import { useNavigationStore } from '../../stores/navigation-store';
import { useSessionStore } from '../../stores/session-store';

function userInitials(displayName: string): string {
  const parts = displayName.trim().split(/\s+/);
  return `${parts[0]?.charAt(0) ?? ''}${parts.length > 1 ? (parts[parts.length - 1]?.charAt(0) ?? '') : ''}`.toUpperCase();
}

/** The signed-in person and their agency; a menu button (WAI-ARIA menu pattern) with My info and Sign out. */
export function UserMenu({ user }: { user: SessionUser }) {
  const signOut = useSessionStore((state) => state.signOut);
  const signingOut = useSessionStore((state) => state.signingOut);
  const navigate = useNavigationStore((state) => state.navigate);
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, triggerRef, menuRef);

  useEffect(() => {
    if (open) menuRef.current?.querySelector<HTMLElement>('[role="menuitem"]')?.focus();
  }, [open]);

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitem"]') ?? []);
    const index = items.indexOf(document.activeElement as HTMLElement);
    const move = (to: number) => {
      event.preventDefault();
      items[(to + items.length) % items.length]?.focus();
    };
    if (event.key === 'ArrowDown') move(index + 1);
    else if (event.key === 'ArrowUp') move(index - 1);
    else if (event.key === 'Home') move(0);
    else if (event.key === 'End') move(items.length - 1);
    else if (event.key === 'Tab') close();
  };

  return (
    <div className="user-menu">
      <button
        ref={triggerRef}
        type="button"
        className="user-menu__trigger"
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if (event.key === 'ArrowDown' && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="user-menu__avatar" aria-hidden="true">
          {userInitials(user.displayName)}
        </span>
        <span className="user-menu__who">
          <span className="user-menu__name">{user.displayName}</span>
          <span className="user-menu__agency">{user.agencyName}</span>
        </span>
        <Icon name="chevronDown" size={16} />
      </button>
      {open && (
        <div ref={menuRef} className="popover user-menu__panel">
          <div className="user-menu__card">
            <span className="user-menu__card-name">{user.displayName}</span>
            <span className="user-menu__card-meta">
              {ROLE_LABELS[user.role]} · {user.username}
            </span>
            <span className="user-menu__card-meta">{user.agencyName}</span>
          </div>
          <div
            id={menuId}
            role="menu"
            aria-label="Account"
            className="menu"
            tabIndex={-1}
            onKeyDown={onMenuKey}
          >
            <button
              type="button"
              role="menuitem"
              className="menu__item"
              onClick={() => {
                close();
                navigate({ name: 'my-info' });
              }}
            >
              <Icon name="user" size={18} />
              My info
            </button>
            <button
              type="button"
              role="menuitem"
              className="menu__item"
              disabled={signingOut}
              onClick={() => {
                close();
                void signOut();
              }}
            >
              <Icon name="signOut" size={18} />
              Sign out
            </button>
          </div>
        </div>
      )}
    </div>
  );
}
