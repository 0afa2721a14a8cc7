import type { Frame, Page } from 'playwright-core';

/**
 * Hostile text, each piece calling the tripwire `__xss(n)` if it ever runs: script and SVG
 * tags, event handlers, `javascript:` and `data:` URLs, entity and encoding tricks, markup
 * breaking out of attributes and raw-text elements, template syntax, bidirectional overrides.
 * None has leading or trailing spaces or control characters (the schemas trim and refuse
 * those), and each fits the shortest field it goes into (200 characters).
 */
const TEMPLATES: ((n: number) => string)[] = [
  (n) => `<img src=x onerror=__xss(${n})>`,
  (n) => `<script>__xss(${n})</script>`,
  (n) => `<svg onload=__xss(${n})>`,
  (n) => `<svg/onload=__xss(${n})>`,
  (n) => `<svg><script>__xss(${n})</script></svg>`,
  (n) => `<svg><animate onbegin=__xss(${n}) attributeName=x dur=1s>`,
  (n) => `<svg><a xlink:href="javascript:__xss(${n})"><text x=1 y=9>x</text></a></svg>`,
  (n) => `"><script>__xss(${n})</script>`,
  (n) => `'><img src=x onerror=__xss(${n})>`,
  (n) => `"onmouseover="__xss(${n})`,
  (n) => `' onfocus='__xss(${n})' autofocus='`,
  (n) => `<iframe src="javascript:__xss(${n})"></iframe>`,
  (n) => `<iframe srcdoc="<script>parent.__xss(${n})</script>">`,
  (n) => `<a href="javascript:__xss(${n})">open profile</a>`,
  (n) => `javascript:__xss(${n})`,
  (n) => `JaVaScRiPt:__xss(${n})`,
  (n) => `java\tscript:__xss(${n})`,
  (n) => `data:text/html,<script>__xss(${n})</script>`,
  (n) => `<body onload=__xss(${n})>`,
  (n) => `<details open ontoggle=__xss(${n})>`,
  (n) => `<input autofocus onfocus=__xss(${n})>`,
  (n) => `<video><source onerror=__xss(${n})></video>`,
  (n) => `<audio src=x onerror=__xss(${n})>`,
  (n) => `<marquee onstart=__xss(${n})>hi</marquee>`,
  (n) => `<math><mtext><table><mglyph><style><img src=x onerror=__xss(${n})>`,
  (n) => `<object data="javascript:__xss(${n})"></object>`,
  (n) => `<embed src="javascript:__xss(${n})">`,
  (n) => `<form><button formaction=javascript:__xss(${n})>go</button></form>`,
  (n) => `&lt;script&gt;__xss(${n})&lt;/script&gt;`,
  (n) => `&#60;img src=x onerror=__xss(${n})&#62;`,
  (n) => `&#x3C;svg onload=__xss(${n})&#x3E;`,
  (n) => `<img src="x" onerror="&#95;&#95;xss(${n})">`,
  (n) => `\\u003cscript\\u003e__xss(${n})\\u003c/script\\u003e`,
  (n) => `%3Cscript%3E__xss(${n})%3C/script%3E`,
  (n) => `\u202E<img src=x onerror=__xss(${n})>\u202C`,
  (n) => `Invoice\u202Egpj.exe<svg onload=__xss(${n})>`,
  (n) => `\u2066<b onmouseover=__xss(${n})>isolated\u2069 text`,
  (n) => `\u200B<script>__xss(${n})</script>\u200B`,
  (n) => `{{constructor.constructor('__xss(${n})')()}}`,
  (n) => `\${__xss(${n})}`,
  (n) => `<div style="background:url(javascript:__xss(${n}))">bg</div>`,
  (n) => `<style>@import 'javascript:__xss(${n})';</style>`,
  (n) => `<link rel=stylesheet href="javascript:__xss(${n})">`,
  (n) => `<meta http-equiv="refresh" content="0;url=javascript:__xss(${n})">`,
  (n) => `<base href="javascript:__xss(${n})//">`,
  (n) => `</textarea><script>__xss(${n})</script>`,
  (n) => `</title><script>__xss(${n})</script>`,
  (n) => `<!--<img src="--><img src=x onerror=__xss(${n})//">`,
  (n) => `<noscript><p title="</noscript><img src=x onerror=__xss(${n})>">`,
  (n) => `<template><script>__xss(${n})</script></template>`,
  (n) => `<x onclick=__xss(${n})>click me</x>`,
  (n) => `<scr<script>ipt>__xss(${n})</scr</script>ipt>`,
  (n) => `<IMG SRC=JaVaScRiPt:__xss(${n})>`,
  (n) => `<img src=\`x\`onerror=__xss(${n})>`,
  (n) => `<<script>__xss(${n});//<</script>`,
  (n) => `Robert'); DROP TABLE prospects;--<img src=x onerror=__xss(${n})>`,
  (n) => `@everyone <img src=x onerror=__xss(${n})>`,
  (n) => `<a href=https://evil.example target=_blank>https://evil.example</a> __xss(${n})`,
  (n) => `<isindex action=javascript:__xss(${n}) type=image>`,
  (n) => `<keygen autofocus onfocus=__xss(${n})>`,
];

export const PAYLOADS: readonly string[] = TEMPLATES.map((t, n) => t(n));

/**
 * Installed in every page and frame before its own scripts: the function the payloads call,
 * and a record of what the page's Content-Security-Policy blocked (an injected inline
 * handler or script would be blocked there rather than run, and show up here instead).
 */
export const TRIPWIRE = `(() => {
  const w = window;
  w.__xssHits = [];
  w.__cspViolations = [];
  w.__xss = (n) => w.__xssHits.push(n);
  document.addEventListener('securitypolicyviolation', (e) => {
    // zod probes whether it may compile with new Function: the extension's own bundle (the
    // browser names only its scheme), not data. Injected markup would be blocked as 'inline'.
    if (e.blockedURI === 'eval' && location.protocol === 'chrome-extension:' && e.sourceFile === 'chrome-extension') return;
    w.__cspViolations.push(e.violatedDirective + ' ' + e.blockedURI + ' ' + e.sourceFile);
  });
})();`;

export interface TripwireReport {
  installed: boolean;
  ran: number[];
  blocked: string[];
  /** Elements or attributes that only markup from the data could have made. */
  injected: string[];
}

/** What the tripwire saw in a page or frame, and any element or attribute the data must not have made. */
export function tripwireReport(target: Page | Frame): Promise<TripwireReport> {
  return target.evaluate(() => {
    const w = window as unknown as { __xss?: unknown; __xssHits?: number[]; __cspViolations?: string[] };
    const dangerousTags = new Set(['script', 'img', 'svg', 'iframe', 'object', 'embed', 'math', 'video', 'audio', 'source', 'marquee', 'base', 'link', 'style', 'meta', 'template', 'frame', 'frameset', 'noscript', 'isindex', 'keygen', 'body', 'title']);
    // Text in a title or aria-label is only text; these attributes are followed as URLs.
    const urlAttributes = new Set(['href', 'src', 'action', 'formaction', 'xlink:href', 'data', 'poster', 'background', 'ping', 'cite', 'srcset']);
    const injected: string[] = [];
    for (const el of document.body.querySelectorAll('*')) {
      const tag = el.tagName.toLowerCase();
      if (dangerousTags.has(tag) || el instanceof HTMLUnknownElement) injected.push(`<${tag}>`);
      for (const { name, value } of el.attributes) {
        const url = urlAttributes.has(name.toLowerCase()) && /^\s*(javascript|data|vbscript):/i.test(value);
        if (/^on/i.test(name) || name === 'srcdoc' || url || (name === 'style' && /url\(/i.test(value))) {
          injected.push(`<${tag} ${name}="${value}">`);
        }
      }
    }
    return { installed: typeof w.__xss === 'function', ran: w.__xssHits ?? [], blocked: w.__cspViolations ?? [], injected };
  });
}

/** Text of an element without its `<kbd>` key hints (a scorecard item shows its number key). */
export function ownText(target: Page | Frame, selector: string): Promise<string[]> {
  return target.evaluate((sel) => [...document.querySelectorAll(sel)].map((el) => [...el.childNodes].filter((n) => n.nodeName !== 'KBD').map((n) => n.textContent).join('')), selector);
}
