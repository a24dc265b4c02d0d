import { type KeyboardEvent, useCallback, useEffect, useId, useRef, useState } from 'react';
import type { BlockFormat } from '../../../shared/rich-text/model';
import { FORMATTING_TOOLS } from '../../../shared/text/names';
import { Icon } from '../components/Icon';
import { useDismiss } from '../lib/use-dismiss';

export const FORMAT_LABELS: Record<BlockFormat, string> = {
  paragraph: 'Paragraph',
  'heading-one': 'Heading 1',
  'heading-two': 'Heading 2',
  'heading-three': 'Heading 3',
  'block-quote': 'Quote',
};

const FORMATS = Object.keys(FORMAT_LABELS) as BlockFormat[];

interface FormatMenuProps {
  /** The selection's format, or null when it has none or several. */
  current: BlockFormat | null;
  disabled: boolean;
  onChoose(format: BlockFormat): void;
}

/** The Format drop-down: a menu button whose items show what each format looks like. */
export function FormatMenu({ current, disabled, onChoose }: FormatMenuProps) {
  const [open, setOpen] = useState(false);
  const triggerRef = useRef<HTMLButtonElement>(null);
  const menuRef = useRef<HTMLDivElement>(null);
  const menuId = useId();
  const close = useCallback(() => setOpen(false), []);
  useDismiss(open, close, triggerRef, menuRef);

  useEffect(() => {
    if (!open) return;
    const items = menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]');
    const checked = menuRef.current?.querySelector<HTMLElement>('[aria-checked="true"]');
    (checked ?? items?.[0])?.focus();
  }, [open]);

  const choose = (format: BlockFormat) => {
    setOpen(false);
    onChoose(format);
  };

  const onMenuKey = (event: KeyboardEvent<HTMLDivElement>) => {
    const items = Array.from(menuRef.current?.querySelectorAll<HTMLElement>('[role="menuitemradio"]') ?? []);
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

  const label = current ? FORMAT_LABELS[current] : FORMATTING_TOOLS.format;
  return (
    <div className="rte-format">
      <button
        ref={triggerRef}
        type="button"
        className="rte-tool rte-tool--text rte-format__trigger"
        data-roving-item=""
        aria-label={current ? `${FORMATTING_TOOLS.format}: ${label}` : FORMATTING_TOOLS.format}
        aria-haspopup="menu"
        aria-expanded={open}
        aria-controls={open ? menuId : undefined}
        title={FORMATTING_TOOLS.format}
        disabled={disabled}
        onMouseDown={(event) => event.preventDefault()}
        onClick={() => setOpen((value) => !value)}
        onKeyDown={(event) => {
          if ((event.key === 'ArrowDown' || event.key === 'ArrowUp') && !open) {
            event.preventDefault();
            setOpen(true);
          }
        }}
      >
        <span className="rte-format__value">{label}</span>
        <Icon name="chevronDown" size={14} />
      </button>
      {open && (
        <div
          ref={menuRef}
          id={menuId}
          role="menu"
          aria-label={FORMATTING_TOOLS.format}
          className="popover rte-format__menu"
          tabIndex={-1}
          onKeyDown={onMenuKey}
        >
          {FORMATS.map((format) => (
            <button
              key={format}
              type="button"
              role="menuitemradio"
              aria-checked={current === format}
              className={`menu__item rte-format__item rte-format__item--${format}`}
              onMouseDown={(event) => event.preventDefault()}
              onClick={() => choose(format)}
            >
              <span className="rte-format__check" aria-hidden="true">
                {current === format && <Icon name="check" size={16} />}
              </span>
              {FORMAT_LABELS[format]}
            </button>
          ))}
        </div>
      )}
    </div>
  );
}
