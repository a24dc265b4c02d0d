/**
 * Illustrated portraits for the demo clients: no real person's photo ships with the product, yet
 * the profile and list show what staff will see with real photos. Deterministic per seed.
 */
const SKIN = ['#f6d3b3', '#e8b48f', '#d39a6a', '#b97a4f', '#8d5a3b', '#6b4226'];
const HAIR = ['#1f1a17', '#3b2a20', '#6a4a2f', '#a0703c', '#c9a46b', '#8a8a8a', '#d9d4cc'];
const SHIRT = ['#2f6f8f', '#7a4f9a', '#3f8f5f', '#b5543c', '#45556e', '#c28a2c', '#2f7f7a'];
const BACKDROP = ['#dfe9f3', '#e9e3f3', '#e3f1e7', '#f6e6df', '#e5e9ee', '#f4ecd9', '#dcefee'];

function pick<T>(list: readonly T[], n: number): T {
  return list[Math.abs(n) % list.length] as T;
}

function hairShape(style: number, color: string): string {
  switch (style % 4) {
    case 0: // short
      return `<path d="M78 104c0-34 22-54 50-54s50 20 50 54c-8-14-22-24-50-24s-42 10-50 24z" fill="${color}"/>`;
    case 1: // long
      return `<path d="M72 110c0-38 24-62 56-62s56 24 56 62v58c-10 6-18 6-24 0v-62c-6-12-18-20-32-20s-26 8-32 20v62c-6 6-14 6-24 0z" fill="${color}"/>`;
    case 2: // curly
      return `<g fill="${color}">${[0, 1, 2, 3, 4, 5, 6]
        .map((i) => `<circle cx="${82 + i * 15}" cy="${78 - Math.sin(i / 2) * 14}" r="16"/>`)
        .join('')}</g>`;
    default: // covered with a cap
      return `<path d="M76 100c2-30 24-48 52-48s50 18 52 48z" fill="${color}"/><rect x="70" y="94" width="116" height="10" rx="5" fill="${color}"/>`;
  }
}

export function portraitSvg(seed: number): string {
  const skin = pick(SKIN, seed);
  const hair = pick(HAIR, seed >> 3);
  const shirt = pick(SHIRT, seed >> 5);
  const backdrop = pick(BACKDROP, seed >> 7);
  const style = (seed >> 9) & 3;
  const smile = (seed >> 11) & 1;
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 256 256" width="256" height="256">
<rect width="256" height="256" fill="${backdrop}"/>
<path d="M40 256c6-52 44-80 88-80s82 28 88 80z" fill="${shirt}"/>
<rect x="112" y="150" width="32" height="34" rx="10" fill="${skin}"/>
<ellipse cx="128" cy="112" rx="46" ry="54" fill="${skin}"/>
${hairShape(style, hair)}
<circle cx="110" cy="114" r="5" fill="#2b2b2b"/><circle cx="146" cy="114" r="5" fill="#2b2b2b"/>
<path d="M106 102q6-5 12 0M140 102q6-5 12 0" stroke="#3a2a20" stroke-width="3" fill="none" stroke-linecap="round"/>
${smile ? '<path d="M112 140q16 12 32 0" stroke="#7a3b2e" stroke-width="4" fill="none" stroke-linecap="round"/>' : '<path d="M114 142h28" stroke="#7a3b2e" stroke-width="4" stroke-linecap="round"/>'}
</svg>`;
}
