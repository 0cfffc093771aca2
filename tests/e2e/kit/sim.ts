import type { Page } from '@playwright/test';

/**
 * The typed `window.sim` of every workbench simulator (tests/simulator/kit/engine.js): one API for all
 * platforms, so a browser spec is written once and runs on each.
 */
export interface SimBuyer {
  uid: string;
  nickname: string;
  messages: number;
  waiting: boolean;
  waitingSince: number | null;
  waitingSec: number | null;
  group: string;
  preview: string;
  lastAt: number | null;
}

export interface SimState {
  scenario: string;
  shop: string | null;
  sendKey: string;
  openUid: string | null;
  loading: boolean;
  buyers: SimBuyer[];
  waiting: string[];
  messages: number;
  openTotal: number;
  olderAvailable: number;
  sent: number;
}

export interface SimMessageOpts {
  /** Epoch ms the message was written (default now). */
  at?: number;
  card?: { name: string };
  /** Douyin: which automatic sender (platform bot, the shop's robot, 商家配置发送). */
  kind?: 'platform-bot' | 'shop-robot' | 'shop-config';
}

export interface Sim {
  state(): Promise<SimState>;
  buyerSays(uid: string, text: string, opts?: SimMessageOpts): Promise<{ id: string | number; uid: string; at: number }>;
  robotSays(uid: string, text: string, opts?: SimMessageOpts): Promise<unknown>;
  systemSays(uid: string, text: string, opts?: SimMessageOpts): Promise<unknown>;
  agentSays(uid: string, text: string, opts?: SimMessageOpts): Promise<unknown>;
  open(uid: string): Promise<unknown>;
  loadOlder(): Promise<number>;
  setSendKey(key: 'enter' | 'ctrl+enter'): Promise<string>;
  setAutoReply(o: { enabled?: boolean; delayMs?: number; text?: string }): Promise<unknown>;
  rerenderList(): Promise<unknown>;
  /** Texts sent from the composer, oldest first. */
  sentTexts(): Promise<string[]>;
  /** Any other method of a platform's simulator (e.g. Douyin's scrollList, failNextSend). */
  call<T = unknown>(fn: string, ...args: unknown[]): Promise<T>;
}

export function simOf(page: Page): Sim {
  const call = <T = unknown>(fn: string, ...args: unknown[]) =>
    page.evaluate(
      ([f, a]) => {
        const sim = (window as unknown as { sim: Record<string, (...x: unknown[]) => unknown> }).sim;
        if (typeof sim[f as string] !== 'function') throw new Error(`sim.${f} is not a function on this simulator`);
        return sim[f as string]!(...(a as unknown[]));
      },
      [fn, args] as const,
    ) as Promise<T>;
  return {
    state: () => call('state'),
    buyerSays: (uid, text, opts) => call('buyerSays', uid, text, opts ?? {}),
    robotSays: (uid, text, opts) => call('robotSays', uid, text, opts ?? {}),
    systemSays: (uid, text, opts) => call('systemSays', uid, text, opts ?? {}),
    agentSays: (uid, text, opts) => call('agentSays', uid, text, opts ?? {}),
    open: (uid) => call('open', uid),
    loadOlder: () => call('loadOlder'),
    setSendKey: (key) => call('setSendKey', key),
    setAutoReply: (o) => call('setAutoReply', o),
    rerenderList: () => call('rerenderList'),
    sentTexts: () => page.evaluate(() => ((window as unknown as { sim: { sent: { text: string }[] } }).sim.sent ?? []).map((s) => s.text)),
    call,
  };
}
