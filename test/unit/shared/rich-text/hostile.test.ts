import type { ChildNode } from 'domhandler';
import { isTag, isText } from 'domhandler';
import fc from 'fast-check';
import { parseDocument } from 'htmlparser2';
import { describe, expect, it } from 'vitest';
import { sanitizeHtml } from '../../../../shared/rich-text/index';
import { safeImageUrl, safeLinkUrl } from '../../../../shared/rich-text/urls';
import { htmlish } from './arbitraries';

const ATTACHMENT = '/api/attachments/0b6c7f0e-3c1a-4d7e-9f00-1a2b3c4d5e6f';
const SVG_BASE64 = 'PHN2ZyBvbmxvYWQ9YWxlcnQoMSk+PC9zdmc+';
const HTML_BASE64 = 'PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==';

/*
 * Real-world XSS payloads (OWASP's filter evasion cheat sheet, known mXSS and sanitizer bypasses).
 * None has "javascript:" or an event attribute in its visible text, so any such string in the
 * output would be markup that got through.
 */
const PAYLOADS: readonly string[] = [
  '<script>alert(1)</script>',
  '<SCRIPT SRC=http://xss.rocks/xss.js></SCRIPT>',
  '<ScRiPt>alert(1)</sCrIpT>',
  '<<SCRIPT>alert("XSS");//<</SCRIPT>',
  '<scr<script>ipt>alert(1)</script>',
  '<img src=x onerror=alert(1)>',
  '<IMG SRC="javascript:alert(\'XSS\');">',
  "<IMG SRC=JaVaScRiPt:alert('XSS')>",
  '<IMG SRC=`javascript:alert("RSnake says, \'XSS\'")`>',
  '<IMG """><SCRIPT>alert("XSS")</SCRIPT>">',
  '<IMG SRC=&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;&#97;&#108;&#101;&#114;&#116;&#40;&#39;&#88;&#83;&#83;&#39;&#41;>',
  '<IMG SRC=&#0000106&#0000097&#0000118&#0000097&#0000115&#0000099&#0000114&#0000105&#0000112&#0000116&#0000058&#0000097&#0000108&#0000101&#0000114&#0000116&#0000040&#0000039&#0000088&#0000083&#0000083&#0000039&#0000041>',
  '<IMG SRC=&#x6A&#x61&#x76&#x61&#x73&#x63&#x72&#x69&#x70&#x74&#x3A&#x61&#x6C&#x65&#x72&#x74&#x28&#x27&#x58&#x53&#x53&#x27&#x29>',
  `<img src="${ATTACHMENT}" onerror="alert(1)" onload="alert(2)" style="width:expression(alert(3))">`,
  `<img src="data:image/svg+xml;base64,${SVG_BASE64}">`,
  `<img src="data:text/html;base64,${HTML_BASE64}">`,
  '<svg onload=alert(1)>',
  '<svg/onload=alert(1)>',
  '<svg><script>alert(1)</script></svg>',
  '<svg><a xlink:href="javascript:alert(1)"><text x="20" y="20">XSS</text></a></svg>',
  '<svg></p><style><a id="</style><img src=1 onerror=alert(1)>">',
  '<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>',
  '<math><mi xlink:href="javascript:alert(1)">x</mi></math>',
  '<form><math><mtext></form><form><mglyph><style></math><img src onerror=alert(1)>',
  '<noscript><p title="</noscript><img src=x onerror=alert(1)>">',
  '<a href="javascript:alert(1)">click me</a>',
  '<a href="JaVaScRiPt:alert(1)">click me</a>',
  '<a href="jav&#x09;ascript:alert(1)">click me</a>',
  '<a href="jav\tascript:alert(1)">click me</a>',
  '<a href="jav&#x0A;ascript:alert(1)">click me</a>',
  '<a href=" &#14; javascript:alert(1)">click me</a>',
  '<a href="\u0001javascript:alert(1)">click me</a>',
  '<a href="java\0script:alert(1)">click me</a>',
  '<a href="javascript&colon;alert(1)">click me</a>',
  '<a href="&#106;avascript:alert(1)">click me</a>',
  '<a href="vbscript:msgbox(1)">click me</a>',
  `<a href="data:text/html;base64,${HTML_BASE64}">click me</a>`,
  '<a href="data:text/html,<script>alert(1)</script>">click me</a>',
  '<a href="https://portal.example" onclick="alert(1)" onmouseover="alert(2)" style="position:fixed">ok</a>',
  "<a title='\"><img src=x onerror=alert(1)>'>quoted</a>",
  '<a href="https://example.org/&quot; onmouseover=&quot;alert(1)">tricky</a>',
  '<iframe src="javascript:alert(1)"></iframe>',
  '<iframe srcdoc="<script>alert(1)</script>"></iframe>',
  '<object data="javascript:alert(1)"></object>',
  `<object data="data:text/html;base64,${HTML_BASE64}"></object>`,
  '<embed src="javascript:alert(1)">',
  `<embed src="data:image/svg+xml;base64,${SVG_BASE64}" type="image/svg+xml">`,
  "<style>@import 'http://xss.rocks/xss.css';</style>",
  '<STYLE>li {list-style-image: url("javascript:alert(1)");}</STYLE><UL><LI>XSS</br>',
  '<div style="background:url(javascript:alert(1))">styled</div>',
  '<div style="width: expression(alert(1));">expression</div>',
  '<link rel="stylesheet" href="javascript:alert(1)">',
  '<base href="javascript:alert(1)//">',
  '<meta http-equiv="refresh" content="0;url=javascript:alert(1)">',
  `<meta http-equiv="refresh" content="0;url=data:text/html;base64,${HTML_BASE64}">`,
  '<form action="javascript:alert(1)"><input type="submit"><button formaction="javascript:alert(2)">go</button></form>',
  '<input autofocus onfocus=alert(1)>',
  '<details open ontoggle=alert(1)>details</details>',
  '<video><source onerror="alert(1)"></video>',
  '<body onload=alert(1)>body</body>',
  '<marquee onstart=alert(1)>marquee</marquee>',
  '<x onclick=alert(1)>custom</x>',
  '<table background="javascript:alert(1)"><td onmouseover=alert(1)>cell</td></table>',
  '<template><img src=x onerror=alert(1)></template>',
  '<xmp><img src=x onerror=alert(1)></xmp>',
  '<textarea><script>alert(1)</script></textarea>',
  '<title><img src=x onerror=alert(1)></title>',
  '<img src=x onerror=alert(1)//',
  '<img src="x" onerror="alert(1)"',
  '<a href="https://example.org"><b><i>unclosed',
  '<!--<img src=x onerror=alert(1)>-->',
  '<!-- --!><img src=x onerror=alert(1)> -->',
  '<![CDATA[<img src=x onerror=alert(1)>]]>',
  '<?xml-stylesheet href="javascript:alert(1)"?>',
  '<scr\0ipt>alert(1)</scr\0ipt>',
  '<img src=x o\0nerror=alert(1)>',
  '<isindex type=image src=1 onerror=alert(1)>',
  '"><script>alert(1)</script>',
  '<a href="http://user:password@bank.example@evil.example">credentials</a>',
  '<a href="//evil.example">protocol-relative</a>',
];

const FORBIDDEN = [
  '<script',
  'javascript:',
  'vbscript:',
  'onerror',
  'onload',
  '<iframe',
  '<object',
  '<embed',
  '<svg',
  '<style',
  'style=',
  '<form',
  '<base',
  '<meta',
  'data:text/html',
  'srcdoc',
  '<!--',
  '<![cdata[',
  '<?',
];

const ALLOWED_ATTRIBUTES: Readonly<Record<string, readonly string[]>> = {
  p: [],
  h1: [],
  h2: [],
  h3: [],
  blockquote: [],
  ol: [],
  ul: [],
  li: [],
  table: [],
  tbody: [],
  tr: [],
  td: [],
  th: [],
  strong: [],
  em: [],
  u: [],
  br: [],
  a: ['href', 'target', 'rel'],
  img: ['src', 'alt'],
};

/** Every node of the re-parsed output is text or an allowed element with allowed attributes. */
function assertOnlyAllowedMarkup(nodes: readonly ChildNode[]): void {
  for (const node of nodes) {
    if (isText(node)) continue;
    if (!isTag(node)) throw new Error(`unexpected ${node.type} node in sanitized output`);
    const allowed = ALLOWED_ATTRIBUTES[node.name];
    expect(allowed, `element <${node.name}>`).toBeDefined();
    for (const name of Object.keys(node.attribs)) expect(allowed).toContain(name);
    if (node.name === 'a') {
      expect(node.attribs.target).toBe('_blank');
      expect(node.attribs.rel).toBe('noopener noreferrer');
      const href = node.attribs.href ?? '';
      expect(safeLinkUrl(href)).toBe(href);
    }
    if (node.name === 'img') {
      const src = node.attribs.src ?? '';
      expect(safeImageUrl(src)).toBe(src);
    }
    assertOnlyAllowedMarkup(node.children);
  }
}

function assertSafe(output: string): void {
  assertOnlyAllowedMarkup(parseDocument(output).children);
}

describe('sanitizeHtml against hostile input', () => {
  it('has a corpus of at least 40 payloads', () => {
    expect(PAYLOADS.length).toBeGreaterThanOrEqual(40);
  });

  it.each(PAYLOADS.map((payload) => [payload]))('neutralizes %s', (payload) => {
    const output = sanitizeHtml(payload);
    const lower = output.toLowerCase();
    for (const needle of FORBIDDEN) expect(lower, `output ${output}`).not.toContain(needle);
    expect(output).not.toMatch(/\son\w+=/i);
    assertSafe(output);
    expect(sanitizeHtml(output)).toBe(output);
  });

  it('keeps the benign parts of hostile input', () => {
    expect(sanitizeHtml('<p>alert</p><script>alert(1)</script>')).toBe('<p>alert</p>');
    expect(sanitizeHtml('<a href="javascript:alert(1)">click me</a>')).toBe('<p>click me</p>');
    expect(sanitizeHtml('<div style="background:url(javascript:alert(1))">styled</div>')).toBe(
      '<p>styled</p>',
    );
    expect(sanitizeHtml('<x onclick=alert(1)>custom</x>')).toBe('<p>custom</p>');
    expect(sanitizeHtml(`<img src="${ATTACHMENT}" onerror="alert(1)">`)).toBe(
      `<img src="${ATTACHMENT}" alt="">`,
    );
    expect(sanitizeHtml('<a href="https://portal.example" onclick="alert(1)">ok</a>')).toBe(
      '<p><a href="https://portal.example" target="_blank" rel="noopener noreferrer">ok</a></p>',
    );
    expect(sanitizeHtml('<p>5 &lt; 6 &amp;&amp; <b>"quotes"</b></p>')).toBe(
      '<p>5 &lt; 6 &amp;&amp; <strong>"quotes"</strong></p>',
    );
  });

  it('outputs only allowed markup for any HTML-ish input', () => {
    fc.assert(
      fc.property(htmlish, (html) => {
        assertSafe(sanitizeHtml(html));
      }),
      { numRuns: 2000 },
    );
  });

  it('outputs only allowed markup for any string', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'binary' }), (html) => {
        assertSafe(sanitizeHtml(html));
      }),
      { numRuns: 500 },
    );
  });
});
