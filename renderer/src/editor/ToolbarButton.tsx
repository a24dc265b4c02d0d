import { Icon, type IconName } from '../components/Icon';

interface ToolbarButtonProps {
  label: string;
  icon: IconName;
  /** For toggles (marks, lists, Source): whether it is on where the caret is. */
  pressed?: boolean;
  disabled?: boolean;
  /** Shown in the tooltip and announced, e.g. "Ctrl+B". */
  shortcut?: string;
  /** Text beside the icon, for the few buttons whose icon alone would be unclear. */
  showLabel?: boolean;
  onActivate(): void;
}

/**
 * One toolbar button. Mouse presses do not take focus from the editor, so the caret and
 * selection stay where the person left them; keyboard use works on the focused button as usual.
 */
export function ToolbarButton({
  label,
  icon,
  pressed,
  disabled = false,
  shortcut,
  showLabel = false,
  onActivate,
}: ToolbarButtonProps) {
  return (
    <button
      type="button"
      className={`rte-tool${showLabel ? ' rte-tool--text' : ''}`}
      data-roving-item=""
      aria-label={showLabel ? undefined : label}
      aria-pressed={pressed}
      aria-keyshortcuts={shortcut?.replace('Ctrl', 'Control').replace('⌘', 'Meta')}
      title={shortcut ? `${label} (${shortcut})` : label}
      disabled={disabled}
      onMouseDown={(event) => event.preventDefault()}
      onClick={onActivate}
    >
      <Icon name={icon} size={18} />
      {showLabel && <span>{label}</span>}
    </button>
  );
}
