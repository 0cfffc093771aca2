import { defineConfig } from 'wxt';
import preact from '@preact/preset-vite';
import { unescapeCharacters } from './scripts/utf8-escapes';
import { STRIPPED_FILES, stripWordLists } from './scripts/strip-lexicon';

// The manifest asks for what is used and no more: storage for settings, host access to the
// workbench hosts only (through the content scripts' matches), and on Chrome `sidePanel` (added by WXT
// for entrypoints/sidepanel). No `tabs`: bringing a tab forward needs none. See README "Permissions".
export default defineConfig({
  modules: ['@wxt-dev/webextension-polyfill'],
  manifest: ({ browser }) => ({
    name: '__MSG_extName__',
    description: '__MSG_extDescription__',
    default_locale: 'zh_CN',
    permissions: ['storage', 'alarms', 'notifications'],
    action: { default_title: '__MSG_extName__' },
    // The next-buyer key (README "The desk"): Alt+Shift+J is free in Chrome, Edge and Firefox. The
    // agent can change it on the browser's shortcuts page.
    commands: {
      'next-buyer': { suggested_key: { default: 'Alt+Shift+J', mac: 'Alt+Shift+J' }, description: '__MSG_cmdNextBuyer__' },
    },
    // Kuaishou's shop name is only in the page's own state: the content script injects this read-only
    // probe into the page (README "Permissions"). Only the Kuaishou workbench may load it.
    web_accessible_resources: [{ resources: ['kuaishou-probe.js'], matches: ['https://im.kwaixiaodian.com/*'] }],
    ...(browser === 'firefox' && {
      // Firefox asks every add-on to declare what it collects: nothing.
      browser_specific_settings: {
        // 140 (desktop) and 142 (Android) are the first versions that read data_collection_permissions.
        gecko: { id: 'kefu-pilot@kefu-pilot.local', strict_min_version: '140.0', data_collection_permissions: { required: ['none'] } },
        gecko_android: { strict_min_version: '142.0' },
      },
    }),
  }),
  vite: () => ({
    plugins: [
      preact(),
      {
        // A production build ships lexicon/compiled.json and only the rules' texts and the detectors'
        // structure of the word lists, not the words a second time (scripts/strip-lexicon.ts).
        name: 'kefu-strip-word-lists',
        // Production builds only: outside one (npm run dev) the lexicon is checked against the lists.
        apply: (_config: unknown, env: { command: string; mode: string }) => env.command === 'build' && env.mode === 'production',
        enforce: 'pre' as const,
        transform(code: string, id: string) {
          if (!STRIPPED_FILES.test(id.replace(/\?.*$/, ''))) return null;
          return { code: JSON.stringify(stripWordLists(JSON.parse(code))), map: null };
        },
      },
      {
        // …and the escapes of ordinary characters (the lexicon's Chinese) are turned back into UTF-8:
        // a content script 384 KB smaller, 16 KB smaller gzipped (scripts/utf8-escapes.ts).
        name: 'kefu-utf8-characters',
        generateBundle(_options: unknown, bundle: Record<string, { type: string; code?: string }>) {
          for (const file of Object.values(bundle)) if (file.type === 'chunk' && file.code) file.code = unescapeCharacters(file.code);
        },
      },
    ],
    build: {
      rollupOptions: {
        // Dexie's source holds U+FFFF; Chrome refuses content scripts that are not valid UTF-8
        // for it, so every emitted file is escaped to ASCII (checked by scripts/check-build.mjs).
        output: { charset: 'ascii' },
      },
    },
  }),
});
