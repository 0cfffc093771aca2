import { z } from 'zod';

/**
 * zod compiles fast parsers with the Function constructor unless told not to, and probes for it even
 * when it then cannot use it (extension pages forbid eval: the probe shows up as a CSP violation).
 * Kefu Pilot runs zod without code generation everywhere: every entrypoint imports this first.
 * What remains of `new Function` in the bundles is zod's unused code path (addons-linter still sees
 * the text; README "Firefox").
 */
z.config({ jitless: true });
