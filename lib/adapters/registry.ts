/**
 * The one list of supported workbenches (web-scrobbler's connector list, as data). Only metadata:
 * importing it pulls in no adapter, so a content script that reads it carries none of the others.
 * Adding a platform: its folder under lib/adapters/<id>/ with a meta.ts, one line here, one line in
 * ./index.ts, and `entrypoints/<id>.content.ts`; the convention test (registry.test.ts) lists what
 * else is missing.
 */
import type { PlatformMeta } from './types';
import { pddMeta } from './pdd/meta';
import { douyinMeta } from './douyin/meta';
import { jdMeta } from './jd/meta';
import { kuaishouMeta } from './kuaishou/meta';

export const PLATFORM_METAS: readonly PlatformMeta[] = [pddMeta, douyinMeta, jdMeta, kuaishouMeta];

export type SupportedPlatform = (typeof PLATFORM_METAS)[number]['id'];

/** The metadata of a supported platform; throws naming the supported ones when there is none. */
export function platformMeta(id: string): PlatformMeta {
  const meta = PLATFORM_METAS.find((m) => m.id === id);
  if (!meta) throw new Error(`Unknown platform "${id}". Known platforms: ${PLATFORM_METAS.map((m) => m.id).join(', ')}`);
  return meta;
}

/** `https://host/` of each workbench: what a content script may run on. */
export const workbenchOrigins = (): string[] => [...new Set(PLATFORM_METAS.map((m) => `${new URL(m.workbenchUrl).origin}/`))];

/** A match pattern (`https://host/path/*`) as a test on a URL; enough for the patterns used here. */
export function matchesPattern(pattern: string, url: string): boolean {
  const re = new RegExp(`^${pattern.replace(/[.+?^${}()|[\]\\]/g, '\\$&').replace(/\*/g, '.*')}$`);
  return re.test(url);
}
