// addons-linter ships no types; scripts/check-build.ts declares the small part it uses.
declare module 'addons-linter';
