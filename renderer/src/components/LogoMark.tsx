/**
 * Portico's mark: a portico (a roofed entrance on columns) in a rounded square, a doorway to
 * services. Decorative wherever the product name is written beside it.
 */
export function LogoMark({ size = 40, title }: { size?: number; title?: string }) {
  return (
    <svg
      className="logo-mark"
      width={size}
      height={size}
      viewBox="0 0 48 48"
      role={title ? 'img' : undefined}
      aria-label={title}
      aria-hidden={title ? undefined : true}
      focusable="false"
    >
      <rect width="48" height="48" rx="12" fill="var(--brand-600)" />
      <path d="M10 19 24 10l14 9z" fill="#fff" />
      <rect x="10" y="20.5" width="28" height="3" rx="1.5" fill="#fff" />
      <rect x="13" y="25.5" width="4" height="11" rx="1.2" fill="#fff" opacity="0.92" />
      <rect x="31" y="25.5" width="4" height="11" rx="1.2" fill="#fff" opacity="0.92" />
      <path d="M20.5 36.5V29a3.5 3.5 0 0 1 7 0v7.5z" fill="var(--brand-300)" />
      <rect x="9" y="37" width="30" height="3" rx="1.5" fill="#fff" />
    </svg>
  );
}
