/**
 * Provisional buyer keys, for workbenches whose list rows carry no buyer id (Douyin, Kuaishou;
 * platforms.md: "a row gets a provisional key from its nickname; the id read from the open
 * conversation is bound to that nickname once it is opened. Equal nicknames are never merged").
 *
 * A row is keyed `~<nick>`, `~<nick>@<avatar hash>` or `~<nick>#<n>` (see `assignKeys`) until its
 * conversation is opened and the page shows the buyer's id; the key is then bound to that id. Keys and
 * bindings are kept per document by the adapter (a WeakMap, nothing global).
 */
import { fnv1aHex } from '../hash';

/**
 * A short identity of an avatar src: the hash of the address without its query and fragment (CDN
 * addresses may carry expiring signatures, re-signed while the page runs); a data: URI is hashed whole
 * (its `#` and `?` are content). Null for a missing or empty src.
 */
export function avatarIdentity(src: string | null | undefined): string | null {
  const s = src?.trim();
  if (!s) return null;
  return fnv1aHex(/^data:/i.test(s) ? s : s.split(/[?#]/, 1)[0]!);
}

/** The avatar identity of an `img` (its src attribute as written, not resolved against the page). */
export const imgAvatar = (img: Element | null | undefined): string | null => avatarIdentity(img?.getAttribute('src'));

/** A provisional key handed out on a document: the nickname's n-th buyer, told apart by the avatar. */
export interface KeySlot {
  avatar: string | null;
  key: string;
}

/** What a row is keyed by. */
export interface KeyedBy {
  nickname: string;
  /** The avatar's identity (`avatarIdentity`), null without one. */
  avatar: string | null;
  /**
   * A key of this nickname the row held before (Kuaishou: the key its card carried at the last read,
   * or the one its numeric placeholder name had): taken first when it is free in this read.
   */
  prefer?: string | null;
}

/**
 * The provisional key of each row, from the keys handed out before on the document. A row with a
 * `prefer` key of its nickname takes it (when no other row of this read took it first). The others take
 * the key of their nickname with their avatar not yet taken in this read (rows without an avatar take
 * the avatar-less keys in page order). A row none fits gets a new key: `~<nick>` while no key of the
 * nickname is that, else `~<nick>@<avatar>` (when it has one and that is free), else the first free
 * `~<nick>#<n>`. So the first buyer seen under a nickname keeps `~<nick>` however the list re-sorts, and
 * only rows with the same nickname and the same (or no) avatar depend on their order.
 */
export function assignKeys(slots: Map<string, KeySlot[]>, rows: readonly KeyedBy[]): string[] {
  const used = new Set<KeySlot>();
  const preferred = rows.map(({ nickname, prefer }) => {
    const slot = prefer ? slots.get(nickname)?.find((k) => k.key === prefer && !used.has(k)) : undefined;
    if (slot) used.add(slot);
    return slot;
  });
  return rows.map(({ nickname, avatar }, i) => {
    let slot = preferred[i];
    if (slot) return slot.key;
    let known = slots.get(nickname);
    if (!known) slots.set(nickname, (known = []));
    slot = known.find((k) => k.avatar === avatar && !used.has(k));
    if (!slot) {
      const taken = new Set(known.map((k) => k.key));
      const base = `~${nickname}`;
      let key = !taken.has(base) ? base : avatar !== null && !taken.has(`${base}@${avatar}`) ? `${base}@${avatar}` : null;
      for (let n = 2; key === null; n++) if (!taken.has(`${base}#${n}`)) key = `${base}#${n}`;
      known.push((slot = { avatar, key }));
    }
    used.add(slot);
    return slot.key;
  });
}

/** A row with its key: listed under the bound id, else under the provisional key. */
export type Keyed<R> = R & {
  /** The row's provisional key, bound or not. */
  key: string;
  /** What the row is listed under: the bound id, else the provisional key. */
  buyer: string;
  provisional: boolean;
};

/** The keys handed out on one document and the ids bound to them. */
export class ProvisionalKeys {
  /** nickname → the keys handed out under it on this document, in the order they were first needed. */
  readonly slots = new Map<string, KeySlot[]>();
  /** provisional key → the id its conversation showed when open (the latest, should the page reuse it). */
  private readonly bound = new Map<string, string>();

  /** The rows of one read with their keys. */
  keyed<R extends KeyedBy>(rows: readonly R[]): Keyed<R>[] {
    const keys = assignKeys(this.slots, rows);
    return rows.map((r, i) => {
      const key = keys[i]!;
      const id = this.bound.get(key);
      return id === undefined ? { ...r, key, buyer: key, provisional: true } : { ...r, key, buyer: id, provisional: false };
    });
  }

  /**
   * A key handed out under another nickname, carried over to this one (Kuaishou: a card whose numeric
   * placeholder turned into the name keeps its key): this nickname's rows may take it from now on.
   */
  alias(nickname: string, avatar: string | null, key: string): void {
    let known = this.slots.get(nickname);
    if (!known) this.slots.set(nickname, (known = []));
    if (!known.some((k) => k.key === key)) known.unshift({ avatar, key });
  }

  /** The keys handed out under a nickname so far. */
  handedOut(nickname: string): readonly KeySlot[] {
    return this.slots.get(nickname) ?? [];
  }

  boundTo(key: string): string | undefined {
    return this.bound.get(key);
  }

  /**
   * Bind a key to the id its open conversation shows. Returns the key when it was not bound before (a
   * round opened under it is to be carried over to the id), else null: a key bound before to another
   * id (the page reused the nickname) takes this one, but its rows were listed under that id, not the
   * key, so nothing is carried over then.
   */
  bind(key: string, id: string): string | null {
    const fresh = !this.bound.has(key);
    this.bound.set(key, id);
    return fresh ? key : null;
  }
}

/**
 * The row of the open conversation, named `nickname`: the one row carrying that name; among several,
 * the one `pick` tells (the header's avatar, the page's own open mark); with none in the DOM (a virtual
 * list dropped it), the nickname's only key handed out so far (`row` null). Null when it cannot be told.
 */
export function openRowAmong<R extends { nickname: string; key: string }>(
  rows: readonly R[],
  nickname: string,
  keys: ProvisionalKeys,
  pick: (several: readonly R[]) => R | null,
): { key: string; row: R | null } | null {
  const carrying = rows.filter((r) => r.nickname === nickname);
  const hit = carrying.length === 1 ? carrying[0]! : carrying.length > 1 ? pick(carrying) : null;
  if (hit) return { key: hit.key, row: hit };
  if (carrying.length > 1) return null;
  const known = keys.handedOut(nickname);
  return known.length === 1 ? { key: known[0]!.key, row: null } : null;
}

/** One state per document (a WeakMap: a closed page's state goes with it). */
export function perDocument<T>(init: () => T): (doc: Document) => T {
  const states = new WeakMap<Document, T>();
  return (doc) => {
    let s = states.get(doc);
    if (s === undefined) states.set(doc, (s = init()));
    return s;
  };
}

/**
 * The open conversation's buyer while the page shows no id for it yet (or the pane is mid-switch): the
 * open row's own key (its id where bound), `~<nick>` for a name never listed on the document (the key
 * a first row of the name would get), null when the row cannot be told.
 */
export function openBuyerWithoutId<R extends { nickname: string; key: string; buyer: string }>(
  rows: readonly R[],
  nickname: string,
  keys: ProvisionalKeys,
  pick: (several: readonly R[]) => R | null,
): string | null {
  const hit = openRowAmong(rows, nickname, keys, pick);
  if (hit) return hit.row?.buyer ?? keys.boundTo(hit.key) ?? hit.key;
  const unseen = !rows.some((r) => r.nickname === nickname) && keys.handedOut(nickname).length === 0;
  return unseen ? `~${nickname}` : null;
}
