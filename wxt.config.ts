import { defineConfig } from 'wxt';
import { SUPPORTED_HOST_PATTERNS } from './lib/sites/hosts';
import { ATS_OPTIONAL_HOST_PATTERNS } from './lib/sites/site-permissions';

export default defineConfig({
  modules: ['@wxt-dev/module-react'],
  manifest: ({ browser }) => ({
    name: 'Tandem',
    description: 'What your recruiting team knows about the person on the page: history, notes, reviews.',
    // storage: storage.session keeps which person each tab shows across service-worker
    // restarts (Dexie itself needs no permission). alarms: the sync tick. The team server needs
    // no host permission: it answers CORS for extension origins and takes a bearer token.
    // notifications: review requests arriving, overdue reminders, nudges and follow-ups due
    // (lib/reminders); shown only on working days outside quiet hours. scripting: the ATS
    // content script is registered for the sites the member turns on (lib/sites/ats-scripts.ts).
    // sidePanel (Chrome): Tandem in the browser's side panel instead of the page (Options;
    // entrypoints/sidepanel; Firefox's sidebar_action needs no permission).
    permissions: ['storage', 'alarms', 'notifications', 'scripting', ...(browser === 'firefox' ? [] : ['sidePanel'])],
    // Installing asks for LinkedIn alone (Recruiter lives there); each ATS is asked for when
    // the member turns it on in Options → Sites (Chrome and Firefox MV3 both know this key).
    host_permissions: SUPPORTED_HOST_PATTERNS,
    optional_host_permissions: ATS_OPTIONAL_HOST_PATTERNS,
    commands: {
      'toggle-sidebar': {
        suggested_key: { default: 'Alt+Shift+T' },
        description: 'Move into the Tandem sidebar (showing it), and back to the page',
      },
    },
    web_accessible_resources: [
      {
        resources: ['sidebar.html'],
        // The ATS hosts too: the ATS script mounts the same frame (a dynamic URL only loads on
        // pages these patterns match).
        matches: [...SUPPORTED_HOST_PATTERNS, ...ATS_OPTIONAL_HOST_PATTERNS],
        // A fresh URL per browser session, so a page cannot embed the sidebar on its own.
        ...(browser === 'firefox' ? {} : { use_dynamic_url: true }),
      },
    ],
    ...(browser === 'firefox'
      ? {
          browser_specific_settings: {
            gecko: { id: 'tandem@tandem.dev', data_collection_permissions: { required: ['none'] } },
          },
        }
      : {
          // 116: a service worker stays alive while its WebSocket is in use, which the live
          // "poke" connection (lib/sync/poke-client.ts) relies on; older versions would drop it.
          minimum_chrome_version: '116',
        }),
  }),
  vite: () => ({
    // Chromium refuses a script that is not valid UTF-8; Dexie contains String.fromCharCode(65535).
    build: {
      rolldownOptions: { output: { charset: 'ascii' } },
      // Every browser Tandem supports has modulepreload; the polyfill would be one more request.
      modulePreload: { polyfill: false },
    },
  }),
});
