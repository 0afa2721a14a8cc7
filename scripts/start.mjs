#!/usr/bin/env node
// `npm start`: build the extension and say how to load it. (The team server joins in issue 3.)
import { execFileSync } from 'node:child_process';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const run = (args) => execFileSync('npx', args, { cwd: root, stdio: 'inherit' });

run(['wxt', 'build']);
run(['wxt', 'build', '-b', 'firefox', '--mv3']);

const chrome = path.join(root, '.output/chrome-mv3');
const firefox = path.join(root, '.output/firefox-mv3/manifest.json');
console.log(`
Tandem is built.

  Chrome / Chromium / Edge
    1. Open chrome://extensions and turn on "Developer mode".
    2. "Load unpacked" and pick:  ${chrome}
    3. Open a LinkedIn profile (https://www.linkedin.com/in/<someone>/): the sidebar opens on the right.
       Alt+Shift+T shows or hides it.

  Firefox
    1. Open about:debugging#/runtime/this-firefox
    2. "Load Temporary Add-on…" and pick:  ${firefox}

Set your name and role in the extension's Options page so the team feed names you.
`);
