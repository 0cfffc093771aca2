import { douyinAdapter } from './douyin/adapter';
import { jdAdapter } from './jd/adapter';
import { kuaishouAdapter } from './kuaishou/adapter';
import { pddAdapter } from './pdd/adapter';
import type { PlatformAdapter } from './types';

/** Adapters by platform id. Adding a platform: its folder under lib/adapters/ plus one line here. */
export const adapters: Readonly<Record<string, PlatformAdapter>> = {
  pdd: pddAdapter,
  douyin: douyinAdapter,
  jd: jdAdapter,
  kuaishou: kuaishouAdapter,
};

/** The adapter of a platform; throws naming the known platforms when there is none. */
export function getAdapter(id: string): PlatformAdapter {
  const adapter = Object.hasOwn(adapters, id) ? adapters[id] : undefined;
  if (!adapter) {
    throw new Error(`Unknown platform "${id}". Known platforms: ${Object.keys(adapters).join(', ')}`);
  }
  return adapter;
}
