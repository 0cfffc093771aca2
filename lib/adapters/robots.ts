/**
 * Robot replies told apart by the sender's nickname only (JD, Kuaishou: the page marks no robot): the
 * agent's list from the settings (`configure()`), else the platform's defaults (its meta.ts), and the
 * our-side nicknames with their verdict for the overlay's diagnostics.
 */
import type { AdapterConfig, OpenConversation, PageMessage, PlatformAdapter } from './types';

export interface RobotNicknames {
  /** The settings' list (null: the defaults), on start and on every change. */
  configure(c: AdapterConfig): void;
  /**
   * A test of a nickname against the list as it is now: whole names, trimmed, case-insensitive (a robot
   * shown as `<店铺>-京小智` must be listed as such). Build it once per read.
   */
  matcher(): (nickname: string) => boolean;
  /** The list as it is now, trimmed, empty entries left out (names to strip off a sender line). */
  names(): string[];
}

/**
 * The robot nicknames of an adapter. `fixed` (tests, callers with their own settings) replaces both
 * the configured list and the defaults, and is read on every `matcher()`.
 */
export function robotNicknames(defaults: readonly string[], fixed?: () => readonly string[]): RobotNicknames {
  let configured: readonly string[] | null = null;
  const current = fixed ?? (() => configured ?? defaults);
  const norm = (n: string) => n.trim().toLowerCase();
  return {
    configure(c) {
      configured = c.robotNicknames;
    },
    matcher() {
      const set = new Set(current().map(norm).filter(Boolean));
      return (nickname) => set.has(norm(nickname));
    },
    names() {
      return current().map((n) => n.trim()).filter(Boolean);
    },
  };
}

/** The distinct our-side nicknames, in page order, each with whether it counted as a robot. */
export function ourSideNicknameList(
  nicknames: Iterable<string | null>,
  isRobot: (nickname: string) => boolean,
): { nickname: string; robot: boolean }[] {
  const out = new Map<string, boolean>();
  for (const n of nicknames) if (n !== null && !out.has(n)) out.set(n, isRobot(n));
  return [...out].map(([nickname, robot]) => ({ nickname, robot }));
}

/**
 * The adapter methods over one read of the open conversation and its messages (JD, Kuaishou: the two
 * always come from the same read, so they agree): `configure`, `openConversation`, `messages` (the
 * public fields only) and `ourSideNicknames` (the nicknames of the messages `ourSide` picks).
 */
export function nicknameReadMethods<M extends PageMessage & { nickname: string | null }>(
  robots: RobotNicknames,
  read: (doc: Document) => { open: OpenConversation | null; messages: readonly M[] },
  ourSide: (m: M) => boolean,
): Required<Pick<PlatformAdapter, 'configure' | 'openConversation' | 'messages' | 'ourSideNicknames'>> {
  return {
    configure: (c) => robots.configure(c),
    openConversation: (doc) => read(doc).open,
    messages: (doc) => read(doc).messages.map(({ id, sender, text, ts }) => ({ id, sender, text, ts })),
    ourSideNicknames: (doc) =>
      ourSideNicknameList(
        read(doc).messages.filter(ourSide).map((m) => m.nickname),
        robots.matcher(),
      ),
  };
}
