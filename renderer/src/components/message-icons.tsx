/*
 * Icons for messaging and the rich-text editor, drawn on the same 24px stroke grid as the rest of
 * Icon's set. Kept apart only so neither file grows past a screenful of paths.
 */
export const MESSAGE_ICON_PATHS = {
  inbox: (
    <>
      <path d="M3.5 13.5 6 5.5A1.5 1.5 0 0 1 7.4 4.5h9.2A1.5 1.5 0 0 1 18 5.5l2.5 8" />
      <path d="M3.5 13.5V18a1.5 1.5 0 0 0 1.5 1.5h14a1.5 1.5 0 0 0 1.5-1.5v-4.5h-5a3 3 0 0 1-6 0z" />
    </>
  ),
  mailOpen: (
    <>
      <path d="M3.5 10v9a1.5 1.5 0 0 0 1.5 1.5h14a1.5 1.5 0 0 0 1.5-1.5v-9L12 4z" />
      <path d="m3.8 10.3 8.2 5.7 8.2-5.7" />
    </>
  ),
  send: (
    <>
      <path d="M20.5 3.5 10 14" />
      <path d="m20.5 3.5-6.5 17-4-6.5-6.5-4z" />
    </>
  ),
  check: <path d="m5 12.5 4.5 4.5L19 7.5" />,
  clock: (
    <>
      <circle cx="12" cy="12" r="8.5" />
      <path d="M12 7.5V12l3 2" />
    </>
  ),
  user: (
    <>
      <circle cx="12" cy="8.5" r="4" />
      <path d="M4.5 20.5c.6-3.9 3.6-6 7.5-6s6.9 2.1 7.5 6" />
    </>
  ),
  trash: (
    <>
      <path d="M4.5 7h15M9.5 7V4.5h5V7" />
      <path d="M6.5 7l.9 12.1A1.5 1.5 0 0 0 8.9 20.5h6.2a1.5 1.5 0 0 0 1.5-1.4L17.5 7" />
    </>
  ),
  plus: <path d="M12 5v14M5 12h14" />,
  minus: <path d="M5 12h14" />,
  bold: <path d="M7.5 4.5h5.8a3.6 3.6 0 0 1 0 7.2H7.5zM7.5 11.7h6.6a3.9 3.9 0 0 1 0 7.8H7.5z" />,
  italic: <path d="M10.5 4.5h7M6.5 19.5h7M14 4.5l-4 15" />,
  underline: <path d="M7 4.5v6.5a5 5 0 0 0 10 0V4.5M5.5 20h13" />,
  code: <path d="m8.5 7.5-5 4.5 5 4.5M15.5 7.5l5 4.5-5 4.5M13.5 5l-3 14" />,
  listNumbered: (
    <>
      <path d="M10 6.5h10M10 12h10M10 17.5h10" />
      <path d="M4 5.2 5.3 4.5V9M4.2 13.2a1.3 1.3 0 0 1 2.3.7c0 1-2.6 1.9-2.6 3h2.7" />
    </>
  ),
  listBulleted: (
    <>
      <path d="M10 6.5h10M10 12h10M10 17.5h10" />
      <circle cx="5" cy="6.5" r="1.1" />
      <circle cx="5" cy="12" r="1.1" />
      <circle cx="5" cy="17.5" r="1.1" />
    </>
  ),
  image: (
    <>
      <rect x="3.5" y="4.5" width="17" height="15" rx="2" />
      <circle cx="9" cy="9.5" r="1.6" />
      <path d="m20.5 15.5-4.5-4.5-9.5 8.5" />
    </>
  ),
  table: (
    <>
      <rect x="3.5" y="4.5" width="17" height="15" rx="1.5" />
      <path d="M3.5 9.5h17M3.5 14.5h17M9.5 9.5v10M15 9.5v10" />
    </>
  ),
  link: (
    <>
      <path d="M10 14a4 4 0 0 0 5.7 0l3.2-3.2a4 4 0 0 0-5.7-5.7l-1.1 1.1" />
      <path d="M14 10a4 4 0 0 0-5.7 0l-3.2 3.2a4 4 0 0 0 5.7 5.7l1.1-1.1" />
    </>
  ),
  unlink: (
    <>
      <path d="M13.5 7.5 14.2 6.8a4 4 0 0 1 5.7 5.7l-1.4 1.4M10.5 16.5l-.7.7a4 4 0 0 1-5.7-5.7l1.4-1.4" />
      <path d="M8 3.5v2.5M3.5 8H6M16 20.5V18M20.5 16H18" />
    </>
  ),
  rowAdd: (
    <>
      <rect x="3.5" y="4.5" width="17" height="9" rx="1.5" />
      <path d="M3.5 9h17M12 16.5v5M9.5 19h5" />
    </>
  ),
  rowRemove: (
    <>
      <rect x="3.5" y="4.5" width="17" height="9" rx="1.5" />
      <path d="M3.5 9h17M9.5 19h5" />
    </>
  ),
  columnAdd: (
    <>
      <rect x="4.5" y="3.5" width="9" height="17" rx="1.5" />
      <path d="M9 3.5v17M16.5 12h5M19 9.5v5" />
    </>
  ),
  columnRemove: (
    <>
      <rect x="4.5" y="3.5" width="9" height="17" rx="1.5" />
      <path d="M9 3.5v17M16.5 12h5" />
    </>
  ),
  undo: <path d="M9 14 4.5 9.5 9 5M4.5 9.5H14a5.5 5.5 0 0 1 0 11h-3" />,
  redo: <path d="m15 14 4.5-4.5L15 5M19.5 9.5H10a5.5 5.5 0 0 0 0 11h3" />,
  bell: (
    <>
      <path d="M6 16.5V11a6 6 0 0 1 12 0v5.5l1.5 2h-15z" />
      <path d="M10 20.5a2 2 0 0 0 4 0" />
    </>
  ),
} as const;
