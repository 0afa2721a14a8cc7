/**
 * Prints who a saved page shows, as the adapter for the URL's site reads it (LinkedIn and the ATS
 * sites in lib/sites).
 *
 *   npm run -s identify -- --url https://www.linkedin.com/in/someone/ --file page.html
 *   npm run -s identify -- --url https://app.greenhouse.io/people/4521 --file page.html
 *
 * Prints the identity as JSON (2-space indent) or `null`, exit 0. Bad arguments: usage on
 * stderr, exit 2. Unreadable file: error on stderr, exit 1. The page is parsed, never run: no
 * scripts execute and nothing is fetched.
 */
import { readFile } from 'node:fs/promises';
import { parseArgs } from 'node:util';
import { Window } from 'happy-dom';
import { adapterFor } from '@/lib/sites';

const USAGE = 'usage: npm run -s identify -- --url <page URL> --file <saved page.html>';

interface Args {
  url: URL;
  file: string;
}

/** The arguments, or a message saying what is wrong with them. */
function readArgs(argv: string[]): Args | string {
  let values: { url?: string; file?: string };
  try {
    ({ values } = parseArgs({ args: argv, options: { url: { type: 'string' }, file: { type: 'string' } }, strict: true }));
  } catch (error) {
    return error instanceof Error ? error.message : String(error);
  }
  if (values.url === undefined || values.file === undefined) return 'both --url and --file are required';
  if (!URL.canParse(values.url)) return `not a URL: ${values.url}`;
  return { url: new URL(values.url), file: values.file };
}

/** A Window that can parse but not act: no script evaluation, no file, CSS, iframe or navigation loads. */
function inertWindow(url: URL): Window {
  return new Window({
    url: url.href,
    settings: {
      disableJavaScriptEvaluation: true,
      disableJavaScriptFileLoading: true,
      disableCSSFileLoading: true,
      disableIframePageLoading: true,
      enableImageFileLoading: false,
      navigation: { disableMainFrameNavigation: true, disableChildFrameNavigation: true, disableChildPageNavigation: true },
    },
  });
}

async function main(): Promise<number> {
  const args = readArgs(process.argv.slice(2));
  if (typeof args === 'string') {
    process.stderr.write(`${args}\n${USAGE}\n`);
    return 2;
  }
  let html: string;
  try {
    html = await readFile(args.file, 'utf8');
  } catch (error) {
    const reason = error instanceof Error ? error.message : String(error);
    process.stderr.write(`identify: cannot read ${args.file}: ${reason}\n`);
    return 1;
  }
  const window = inertWindow(args.url);
  try {
    // DOMParser builds a document without running its scripts or loading its resources.
    const doc = new window.DOMParser().parseFromString(html, 'text/html') as unknown as Document;
    const identity = adapterFor(args.url)?.identify(doc, args.url) ?? null;
    process.stdout.write(`${JSON.stringify(identity, null, 2)}\n`);
    return 0;
  } finally {
    await window.happyDOM.close();
  }
}

process.exitCode = await main();
