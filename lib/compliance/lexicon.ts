/**
 * The lexicon: data files under lexicon/ → one compiled automaton whose patterns carry payloads.
 *
 * Everything the check looks up by word goes into the same automaton: findings (terms), contact
 * keywords and their cues, negations, number contexts, address and complaint contexts, the built-in
 * allow-list, and the shop's own words and allow-list. Patterns are normalised exactly like the text
 * (squashedView), so 微信號 in a pattern file and ｗｅｉ信 in a message meet in the middle.
 */
import abuse from './lexicon/abuse.json';
import absoluteClaim from './lexicon/absolute-claim.json';
import allow from './lexicon/allow.json';
import contact from './lexicon/contact.json';
import context from './lexicon/context.json';
import cues from './lexicon/cues.json';
import disparaging from './lexicon/disparaging.json';
import diversion from './lexicon/diversion.json';
import roles from './lexicon/roles.json';
import impersonation from './lexicon/impersonation.json';
import link from './lexicon/third-party-link.json';
import payment from './lexicon/off-platform-payment.json';
import poorService from './lexicon/poor-service.json';
import prohibited from './lexicon/prohibited.json';
import qrCode from './lexicon/qr-code.json';
import reviewInducement from './lexicon/review-inducement.json';
import storeAddress from './lexicon/store-address.json';
import variantsData from './lexicon/variants.json';
import compiled from './lexicon/compiled.json';
import homophones from './lexicon/homophones.json';
import traditional from './lexicon/traditional.json';
import { Matcher, sortedOrder } from './matcher';
import { hash53Hex } from '../hash';
import type { ShopWord } from './defaults';
import type { Category } from './types';
import { charsKey, hasPhonetic, phoneticKey, syllablesKey } from './phonetic';
import { squash } from './views';

// ---------------------------------------------------------------------------------------------
// Rules

export interface RuleInfo {
  id: string;
  category: Category;
  reason: string;
  reason_en: string;
  suggestion: string;
  suggestion_en: string;
}

interface RuleData {
  id: string;
  reason: string;
  reason_en: string;
  suggestion: string;
  suggestion_en: string;
  negatable?: boolean;
  variants?: boolean;
  /** Matched by sound too, without the spelling variants in the main lexicon. */
  sound?: boolean;
  complaintOnly?: boolean;
  terms?: string[];
  /** Words that count only as a clause of their own (滚！), never inside a longer word (滚筒). */
  standalone?: string[];
}

interface PairData {
  rule: string;
  /** Match the spelling variants of the rule's words too (default: as the rule says). */
  variants?: boolean;
  first: string[];
  then: string[];
  window: number;
}

interface CategoryFile {
  category: string;
  rules: RuleData[];
  /** Two words that make a finding together (a review word and a reward), in either order. */
  pairs?: PairData[];
}

const CATEGORY_FILES: CategoryFile[] = [
  link,
  contact,
  payment,
  qrCode,
  storeAddress,
  reviewInducement,
  abuse,
  prohibited,
  disparaging,
  impersonation,
  absoluteClaim,
  poorService,
];

const SHOP_RULE: RuleInfo = {
  id: 'shop.word',
  category: 'shop-word',
  reason: '店铺自定义的敏感词',
  reason_en: "A word on the shop's own list",
  suggestion: '按店铺规定修改这个词',
  suggestion_en: "Reword it as the shop's list asks",
};

/** Every rule, by index (payloads refer to rules by index). */
export const RULES: readonly RuleInfo[] = [
  ...CATEGORY_FILES.flatMap((file) =>
    file.rules.map(({ id, reason, reason_en, suggestion, suggestion_en }) => ({
      id,
      category: file.category as Category,
      reason,
      reason_en,
      suggestion,
      suggestion_en,
    })),
  ),
  SHOP_RULE,
];
const RULE_INDEX = new Map(RULES.map((r, i) => [r.id, i]));
if (RULE_INDEX.size !== RULES.length) {
  const seen = new Set<string>();
  const twice = RULES.find((r) => seen.size === seen.add(r.id).size);
  throw new Error(`compliance rule ${twice?.id} is defined twice`);
}

export function ruleIndex(id: string): number {
  const i = RULE_INDEX.get(id);
  if (i === undefined) throw new Error(`unknown compliance rule ${id}`);
  return i;
}

/** Rule texts by id (the guard uses it for findings it makes itself, e.g. `qr.image`). */
export function ruleInfo(id: string): RuleInfo | undefined {
  const i = RULE_INDEX.get(id);
  return i === undefined ? undefined : RULES[i];
}

export const OWN_DOMAINS: Readonly<Record<string, readonly string[]>> = link.ownDomains;
export const TLDS: readonly string[] = link.tlds;
export const MAIL_DOMAINS: readonly string[] = link.mailDomains;

// ---------------------------------------------------------------------------------------------
// Payloads

export const Kind = {
  Term: 1,
  Keyword: 2,
  PreCue: 3,
  PostCue: 4,
  NegPre: 5,
  NegPost: 6,
  Allow: 7,
  NumberContext: 8,
  StoreContext: 9,
  ReturnContext: 10,
  Complaint: 11,
  Shop: 12,
  Pair: 13,
  /** Diversion words (diversion.json): a marketplace (notOn: its platform), go-verb, self, action, lure. */
  Market: 14,
  Go: 15,
  Self: 16,
  Action: 17,
  Lure: 18,
  /** A word a marketplace's name is part of without diverting (京东快递). */
  NotMarket: 19,
  /** A word of a structural detector (roles.json): group = the detector, groups = its roles (bit mask). */
  Role: 20,
  /** A word of sending goods back (寄回, 退货 …): a street address in the message is where they go. */
  SendBack: 21,
} as const;
export type Kind = (typeof Kind)[keyof typeof Kind];

export const TermFlag = { Negatable: 1, ComplaintOnly: 2, Standalone: 4 } as const;

export const Strength = { Weak: 0, Normal: 1, Strong: 2 } as const;
export type Strength = (typeof Strength)[keyof typeof Strength];

/** Number contexts, in the order of `context.json`. */
export const NUMBER_KINDS = ['order', 'tracking', 'item', 'price', 'courier', 'self', 'contact', 'payment', 'return'] as const;
export type NumberKind = (typeof NUMBER_KINDS)[number];

export interface KeywordGroup {
  name: string;
  rule: number;
  /** Shortest id that counts after the keyword, and whether it must be digits. */
  idMin: number;
  idDigitsOnly: boolean;
}

/**
 * One meaning of a pattern. Field use by kind:
 * Term: rule, flags · Keyword: group, strength · PreCue/PostCue: groups (bit mask), gap, rule (as, or -1),
 * invite · NegPre/NegPost: gap (reach) · NumberContext: group (kind index) · Shop: rule, severity ·
 * Pair: rule, group (pair index), strength (0 first word, 1 second word), gap (window), flags.
 */
export interface Payload {
  kind: Kind;
  rule: number;
  flags: number;
  group: number;
  groups: number;
  strength: Strength;
  gap: number;
  invite: boolean;
  severity: 'block' | 'warn';
  /** Keyword: the platform on whose workbench this word is not another platform (抖音 on douyin). */
  notOn: string;
}

const payload = (kind: Kind, p: Partial<Payload> = {}): Payload => ({
  kind,
  rule: -1,
  flags: 0,
  group: -1,
  groups: 0,
  strength: Strength.Normal,
  gap: 0,
  invite: false,
  severity: 'block',
  notOn: '',
  ...p,
});

// ---------------------------------------------------------------------------------------------
// Expansion: `{a|b}` templates, then homophone / look-alike variants.

/** `{我是|这里是}平台{客服|小二}` → every combination (an empty alternative is allowed). */
export function expandTemplate(entry: string): string[] {
  if (!entry.includes('{')) return [entry];
  let results = [''];
  const re = /\{([^{}]*)\}|([^{]+)/g;
  for (const m of entry.matchAll(re)) {
    const options = m[1] !== undefined ? m[1].split('|') : [m[2]!];
    const next: string[] = [];
    for (const r of results) for (const o of options) next.push(r + o);
    results = next;
  }
  return results;
}

export interface Variant {
  text: string;
  /** Uses a variant that never occurs in ordinary writing (latin letters or symbols inside a Chinese word). */
  odd: boolean;
}

/** Longest keys first, so 扣扣 is replaced as a unit before any single character. */
const SUB_KEYS = variantsData.substitutions
  .map((s) => ({
    of: s.of,
    variants: [...s.as.map((text) => ({ text, odd: false })), ...s.odd.map((text) => ({ text, odd: true }))],
  }))
  .sort((a, b) => b.of.length - a.of.length);
/** The substitutions by their first character (longest first within each), so a word is split in one pass. */
const SUBS_BY_FIRST = new Map<string, typeof SUB_KEYS>();
for (const s of SUB_KEYS) {
  const list = SUBS_BY_FIRST.get(s.of[0]!);
  if (list) list.push(s);
  else SUBS_BY_FIRST.set(s.of[0]!, [s]);
}

/** The entry and its spellings with one or two parts replaced from the variant table. */
export function variantsOf(entry: string): Variant[] {
  // Split into parts: a substitution key (longest first) or a single character.
  const parts: string[] = [];
  const subs: Variant[][] = [];
  for (let i = 0; i < entry.length; ) {
    const sub = SUBS_BY_FIRST.get(entry[i]!)?.find((s) => entry.startsWith(s.of, i));
    parts.push(sub ? sub.of : entry[i]!);
    subs.push(sub ? sub.variants : []);
    i += sub ? sub.of.length : 1;
  }
  const out: Variant[] = [{ text: entry, odd: false }];
  // One character has no spelling but itself: 傻 spelt 啥 is 啥 (有啥事快手上说).
  if (entry.length === 1) return out;
  for (let a = 0; a < parts.length; a++) {
    for (const va of subs[a]!) {
      out.push(joinParts(parts, a, va, -1, va));
      for (let b = a + 1; b < parts.length; b++) {
        for (const vb of subs[b]!) {
          // A two-character word with both characters turned into letters or symbols keeps nothing of
          // itself: XX is no spelling of 傻逼 (威❤ still is one of 微信).
          if (parts.length === 2 && va.odd && vb.odd) continue;
          out.push(joinParts(parts, a, va, b, vb));
        }
      }
    }
  }
  return out;
}

/** parts with part a replaced by va (and part b by vb when b ≥ 0). */
function joinParts(parts: string[], a: number, va: Variant, b: number, vb: Variant): Variant {
  let text = '';
  for (let i = 0; i < parts.length; i++) text += i === a ? va.text : i === b ? vb.text : parts[i];
  return { text, odd: va.odd || (b >= 0 && vb.odd) };
}

// ---------------------------------------------------------------------------------------------
// Compilation

export interface Lexicon {
  matcher: Matcher;
  /** Payloads of pattern i: payloads[start[i] .. start[i + 1]). */
  payloadStart: Int32Array;
  payloads: Payload[];
  /** Pattern i starts / ends with a latin letter (matched only at latin word boundaries). */
  latinStart: Uint8Array;
  latinEnd: Uint8Array;
  groups: KeywordGroup[];
  /** Number of patterns. */
  size: number;
  /** How far before / after a number its context words count. */
  numberWindow: number;
  numberAfter: number;
  /** Longest pattern (bounds the windows in which hits are looked up). */
  maxLength: number;
  /** Largest gap / reach / window of any cue, negation or pair. */
  maxGap: number;
  /** How far from a marketplace's name the words that make it a diversion count. */
  divertWindow: number;
}

export interface LexiconExtras {
  shopWords?: readonly ShopWord[];
  allowList?: readonly string[];
}

const isLatin = (c: number) => c >= 0x61 && c <= 0x7a;

class Builder {
  /** Key → its index; a restored builder makes it only if a word is added to it (the shop's words). */
  private index: Map<string, number> | null = new Map();
  private readonly keys: string[] = [];
  private lists: Payload[][] = [];
  /**
   * What a restored builder holds until a word is added: per key (in sorted order) its number of
   * payloads, and their rows of the payload table, flat (compiled.json's form, built from directly).
   */
  private restored: { counts: string; rows: readonly number[]; table: readonly Payload[] } | null = null;

  /**
   * `key`: how a word is normalised into a pattern (the squashed view's reading, or the phonetic one);
   * `alias`: another key for a word (the phonetic key of its reading as a word, 银行卡 → yin hang ka).
   */
  constructor(
    private readonly key: (word: string) => string = squash,
    private readonly alias?: (word: string) => string | undefined,
  ) {}

  add(raw: string, p: Payload): void {
    const other = this.alias?.(raw);
    if (other) this.addKey(other, p);
    this.addKey(this.key(raw), p);
  }

  private addKey(key: string, p: Payload): void {
    if (!key) return;
    this.materialise();
    this.index ??= new Map(this.keys.map((k, i) => [k, i]));
    let i = this.index.get(key);
    if (i === undefined) {
      i = this.keys.length;
      this.index.set(key, i);
      this.keys.push(key);
      this.lists.push([]);
    }
    const list = this.lists[i]!;
    // The same meaning twice (a variant that equals another entry) is stored once.
    if (!list.some((q) => samePayload(q, p))) list.push(p);
  }

  /** A restored builder's payload lists, made when a word is added to it. */
  private materialise(): void {
    const r = this.restored;
    if (!r) return;
    this.restored = null;
    let row = 0;
    this.lists = Array.from(r.counts, (c) => {
      const list: Payload[] = [];
      for (let k = parseInt(c, 36); k > 0; k--) list.push(r.table[r.rows[row++]!]!);
      return list;
    });
  }

  build(groups: KeywordGroup[], numberWindow: number, numberAfter: number): Lexicon {
    // In pattern order: Matcher.compile is fastest on sorted patterns, and a lexicon made from the word
    // lists and one from compiled.json plus the same words are then the same, index for index. A
    // restored builder nobody added to is in that order already, its payloads flat as stored.
    const r = this.restored;
    const order = r ? null : sortedOrder(this.keys);
    const keys = order ? Array.from(order, (i) => this.keys[i]!) : this.keys;
    const n = keys.length;
    const payloadStart = new Int32Array(n + 1);
    const payloads: Payload[] = [];
    const latinStart = new Uint8Array(n);
    const latinEnd = new Uint8Array(n);
    let row = 0;
    for (let i = 0; i < n; i++) {
      payloadStart[i] = payloads.length;
      if (r) for (let c = parseInt(r.counts[i]!, 36); c > 0; c--) payloads.push(r.table[r.rows[row++]!]!);
      else for (const p of this.lists[order![i]!]!) payloads.push(p);
      const k = keys[i]!;
      latinStart[i] = isLatin(k.charCodeAt(0)) ? 1 : 0;
      latinEnd[i] = isLatin(k.charCodeAt(k.length - 1)) ? 1 : 0;
    }
    payloadStart[n] = payloads.length;
    let maxLength = 0;
    for (const k of keys) maxLength = Math.max(maxLength, k.length);
    let maxGap = 0;
    for (const p of payloads) maxGap = Math.max(maxGap, p.gap);
    return {
      matcher: Matcher.compile(keys),
      payloadStart,
      payloads,
      latinStart,
      latinEnd,
      groups,
      size: n,
      numberWindow,
      numberAfter,
      maxLength,
      maxGap,
      divertWindow: diversion.window,
    };
  }

  /** The patterns and their payloads, as lexicon/compiled.json stores them (a table of distinct payloads). */
  snapshot(): BuilderSnapshot {
    this.materialise();
    const table: PayloadRow[] = [];
    const rowOf = new Map<string, number>();
    const rows: number[] = [];
    let counts = '';
    // Sorted by pattern: the automaton is built fastest from sorted patterns (Matcher.compile).
    for (const i of sortedOrder(this.keys)) {
      const list = this.lists[i]!;
      if (list.length > 35) throw new Error(`lexicon: more than 35 meanings for one pattern: ${JSON.stringify(this.keys[i])}`);
      counts += list.length.toString(36);
      for (const p of list) {
        const row: PayloadRow = [p.kind, p.rule, p.flags, p.group, p.groups, p.strength, p.gap, p.invite ? 1 : 0, p.severity === 'warn' ? 1 : 0, p.notOn];
        const id = JSON.stringify(row);
        let r = rowOf.get(id);
        if (r === undefined) rowOf.set(id, (r = table.push(row) - 1));
        rows.push(r);
      }
    }
    for (const k of this.keys) if (k.includes('\n')) throw new Error(`lexicon: a pattern holds a line break: ${JSON.stringify(k)}`);
    return { keys: Array.from(sortedOrder(this.keys), (i) => this.keys[i]!).join('\n'), payloads: table, counts, rows };
  }

  /** A builder holding what snapshot() stored, as if every word had been added again (same order). */
  static restore(snap: BuilderSnapshot, key: (word: string) => string = squash): Builder {
    const b = new Builder(key);
    const table: Payload[] = snap.payloads.map(([kind, rule, flags, group, groups, strength, gap, invite, warn, notOn]) => ({
      kind: kind as Kind,
      rule,
      flags,
      group,
      groups,
      strength: strength as Strength,
      gap,
      invite: invite === 1,
      severity: warn === 1 ? 'warn' : 'block',
      notOn,
    }));
    b.index = null;
    for (const k of snap.keys.split('\n')) b.keys.push(k);
    b.restored = { counts: snap.counts, rows: snap.rows, table };
    return b;
  }

  /** Normalised patterns (for the benchmark's peers, which get exactly the same word list). */
  patterns(): string[] {
    return [...this.keys];
  }
}

function samePayload(a: Payload, b: Payload): boolean {
  return (
    a.kind === b.kind && a.rule === b.rule && a.flags === b.flags && a.group === b.group && a.groups === b.groups &&
    a.strength === b.strength && a.gap === b.gap && a.invite === b.invite && a.severity === b.severity &&
    a.notOn === b.notOn
  );
}

interface KeywordData {
  group: string;
  rule: string;
  variants?: boolean;
  strong: string[];
  normal: string[];
  weak: string[];
  notOn?: Record<string, string>;
}

/** Minimum id length and kind per keyword group (what counts as "an id right after the keyword"). */
const ID_RULES: Record<string, { min: number; digits: boolean }> = {
  wechat: { min: cues.id.min, digits: false },
  qq: { min: cues.id.min, digits: false },
  app: { min: cues.id.min, digits: false },
  phone: { min: 7, digits: true },
  alipay: { min: cues.id.min, digits: false },
  bank: { min: 12, digits: true },
};

/** The contact keyword groups, in contact.json's order (both lexicons index them the same way). */
function keywordGroups(): KeywordGroup[] {
  return (contact.keywords as KeywordData[]).map((k) => ({
    name: k.group,
    rule: ruleIndex(k.rule),
    idMin: ID_RULES[k.group]?.min ?? cues.id.min,
    idDigitsOnly: ID_RULES[k.group]?.digits ?? false,
  }));
}

function fill(b: Builder, extras: LexiconExtras): { groups: KeywordGroup[] } {
  fillBuiltIn(b);
  addExtras(b, extras);
  return { groups: keywordGroups() };
}

/** The shop's own allow-list and words, after the built-in lexicon. */
function addExtras(b: Builder, extras: LexiconExtras): void {
  for (const w of extras.allowList ?? []) b.add(w, payload(Kind.Allow));
  const shop = ruleIndex('shop.word');
  for (const w of extras.shopWords ?? []) b.add(w.word, payload(Kind.Shop, { rule: shop, severity: w.severity }));
}

/** Every built-in word with its payloads (what lexicon/compiled.json holds, ready made). */
function fillBuiltIn(b: Builder): void {
  // Terms of every category.
  for (const file of CATEGORY_FILES) {
    for (const rule of file.rules) {
      const flags = (rule.negatable ? TermFlag.Negatable : 0) | (rule.complaintOnly ? TermFlag.ComplaintOnly : 0);
      const p = payload(Kind.Term, { rule: ruleIndex(rule.id), flags });
      for (const entry of rule.terms ?? []) {
        for (const text of expandTemplate(entry)) {
          if (rule.variants) for (const v of variantsOf(text)) b.add(v.text, p);
          else b.add(text, p);
        }
      }
      const alone = payload(Kind.Term, { rule: ruleIndex(rule.id), flags: flags | TermFlag.Standalone });
      for (const w of rule.standalone ?? []) b.add(w, alone);
    }
  }
  // Word pairs.
  let pairIndex = 0;
  for (const file of CATEGORY_FILES) {
    for (const pair of file.pairs ?? []) {
      const rule = ruleIndex(pair.rule);
      const data = file.rules.find((r) => r.id === pair.rule);
      const flags = data?.negatable ? TermFlag.Negatable : 0;
      const variants = pair.variants ?? data?.variants ?? false;
      const add = (words: string[], strength: Strength) => {
        const p = payload(Kind.Pair, { rule, group: pairIndex, strength, gap: pair.window, flags });
        for (const entry of words) {
          for (const w of expandTemplate(entry)) for (const v of variants ? variantsOf(w) : [{ text: w }]) b.add(v.text, p);
        }
      };
      add(pair.first, Strength.Weak);
      add(pair.then, Strength.Normal);
      pairIndex++;
    }
  }
  // Contact and payment keywords.
  const keywordData = contact.keywords as KeywordData[];
  keywordData.forEach((k, gi) => {
    const add = (word: string, strength: Strength) => {
      const list = k.variants ? variantsOf(word) : [{ text: word, odd: false }];
      for (const v of list) {
        const s = v.odd && strength === Strength.Normal ? Strength.Strong : strength;
        b.add(v.text, payload(Kind.Keyword, { group: gi, strength: s, notOn: k.notOn?.[word] ?? '' }));
      }
    };
    for (const w of k.strong) add(w, Strength.Strong);
    for (const w of k.normal) add(w, Strength.Normal);
    for (const w of k.weak) add(w, Strength.Weak);
  });
  addContexts(b);
  addDiversion(b);
  addRoles(b);
  // Address and complaint contexts.
  for (const w of context.address.store) b.add(w, payload(Kind.StoreContext));
  for (const w of context.address.return) b.add(w, payload(Kind.ReturnContext));
  for (const w of context.address.sendBack) b.add(w, payload(Kind.SendBack));
  for (const entry of context.complaint) for (const w of expandTemplate(entry)) b.add(w, payload(Kind.Complaint));
  // The built-in allow-list (the shop's comes in addExtras).
  for (const w of allow.phrases) b.add(w, payload(Kind.Allow));
}

/**
 * Categories whose words the phonetic view finds only when typed out in pinyin (sha bi, not 沙比:
 * 沙发 sounds like an insult); check.ts drops the rest.
 */
export const PHONETIC_TYPED_ONLY: ReadonlySet<string> = new Set(['abuse']);

/**
 * Rules and keyword groups matched by sound too: the ones whose spellings vary (`variants`), and those
 * marked `sound` (read by sound, not spelt every way in the main lexicon: threats).
 */
function phoneticRules(): { file: CategoryFile; rule: RuleData }[] {
  return CATEGORY_FILES.flatMap((file) =>
    file.rules.filter((r) => r.variants || r.sound).map((rule) => ({ file, rule })),
  );
}

/**
 * The words the phonetic view looks for: terms, pairs and contact keywords of the rules whose
 * spellings vary. Their syllables decide which characters homophones.json folds.
 */
export function phoneticSourceWords(): string[] {
  const words: string[] = [];
  for (const { file, rule } of phoneticRules()) {
    for (const entry of rule.terms ?? []) words.push(...expandTemplate(entry));
    for (const pair of file.pairs ?? []) {
      if (pair.rule === rule.id) for (const e of [...pair.first, ...pair.then]) words.push(...expandTemplate(e));
    }
  }
  for (const k of contact.keywords as KeywordData[]) words.push(...k.strong, ...k.normal, ...k.weak);
  words.push(...Object.keys(diversion.markets), ...diversion.go, ...diversion.action, ...diversion.lure);
  // The structural detectors' words are read by sound too (zai cha ping … gua dao wang shang).
  const detectors = roles.detectors as unknown as { sound?: boolean }[];
  for (const { detector, word } of roleWords()) if (detectors[detector]!.sound !== false) words.push(word);
  return words;
}

/**
 * The phonetic lexicon: the words of phoneticSourceWords() keyed by sound, with the cues, negations
 * and number contexts they are read with (those keyed by sound as well, since the view reads every
 * character that way). Words the view does not fold are left to the main lexicon.
 */
function fillPhonetic(b: Builder): void {
  // One syllable alone is heard everywhere (薇 sounds like 为): only words of two or more.
  const sounds = (w: string) => {
    const k = squash(w);
    return k.length >= 2 && hasPhonetic(k);
  };
  let pairIndex = 0;
  const phonetic = new Set(phoneticRules().map(({ rule }) => rule.id));
  for (const file of CATEGORY_FILES) {
    for (const rule of file.rules) {
      if (!phonetic.has(rule.id)) continue;
      const flags = (rule.negatable ? TermFlag.Negatable : 0) | (rule.complaintOnly ? TermFlag.ComplaintOnly : 0);
      const p = payload(Kind.Term, { rule: ruleIndex(rule.id), flags });
      for (const entry of rule.terms ?? []) for (const text of expandTemplate(entry)) if (sounds(text)) b.add(text, p);
    }
  }
  for (const file of CATEGORY_FILES) {
    for (const pair of file.pairs ?? []) {
      const index = pairIndex++;
      if (!phonetic.has(pair.rule)) continue;
      const data = file.rules.find((r) => r.id === pair.rule);
      const flags = data?.negatable ? TermFlag.Negatable : 0;
      const add = (words: string[], strength: Strength) => {
        const p = payload(Kind.Pair, { rule: ruleIndex(pair.rule), group: index, strength, gap: pair.window, flags });
        for (const entry of words) for (const w of expandTemplate(entry)) if (sounds(w)) b.add(w, p);
      };
      add(pair.first, Strength.Weak);
      add(pair.then, Strength.Normal);
    }
  }
  (contact.keywords as KeywordData[]).forEach((k, gi) => {
    const add = (w: string, strength: Strength) => {
      // A channel's letters (qq, vx) too: the view leaves them as typed between syllables (jia ge qq ba).
      if (sounds(w) || /^[a-z]{2,}$/.test(squash(w))) b.add(w, payload(Kind.Keyword, { group: gi, strength, notOn: k.notOn?.[w] ?? '' }));
    };
    for (const w of k.strong) add(w, Strength.Strong);
    for (const w of k.normal) add(w, Strength.Normal);
    for (const w of k.weak) add(w, Strength.Weak);
  });
  addContexts(b);
  addDiversion(b);
  addRoles(b, sounds);
}

/** Diversion words (detectors/diversion.ts). */
function addDiversion(b: Builder): void {
  for (const [w, platform] of Object.entries(diversion.markets)) b.add(w, payload(Kind.Market, { notOn: platform }));
  for (const w of diversion.except) b.add(w, payload(Kind.NotMarket));
  for (const w of diversion.go) b.add(w, payload(Kind.Go));
  for (const w of diversion.self) b.add(w, payload(Kind.Self));
  for (const w of diversion.action) b.add(w, payload(Kind.Action));
  for (const w of diversion.lure) b.add(w, payload(Kind.Lure, { strength: diversion.strong.includes(w) ? Strength.Strong : Strength.Normal }));
}

/** Cues, negations and number contexts: what decides what a keyword or a number means. */
function addContexts(b: Builder): void {
  const groupIndex = new Map((contact.keywords as KeywordData[]).map((k, i) => [k.group, i]));
  const mask = (names: string[]) => names.reduce((m, n) => m | (1 << (groupIndex.get(n) ?? 31)), 0);
  for (const cue of cues.pre as { words: string[]; groups: string[]; gap: number; as?: string; invite: boolean }[]) {
    for (const w of cue.words) {
      const p = { groups: mask(cue.groups), gap: cue.gap, rule: cue.as ? ruleIndex(cue.as) : -1, invite: cue.invite };
      b.add(w, payload(Kind.PreCue, p));
    }
  }
  for (const cue of cues.post as { words: string[]; groups: string[]; gap: number; as?: string }[]) {
    for (const w of cue.words) {
      b.add(w, payload(Kind.PostCue, { groups: mask(cue.groups), gap: cue.gap, rule: cue.as ? ruleIndex(cue.as) : -1 }));
    }
  }
  for (const n of context.negation.pre) for (const w of n.words) b.add(w, payload(Kind.NegPre, { gap: n.reach }));
  for (const n of context.negation.post) for (const w of n.words) b.add(w, payload(Kind.NegPost, { gap: n.reach }));
  const kinds = context.numbers.kinds as Record<NumberKind, string[]>;
  NUMBER_KINDS.forEach((kind, ki) => {
    for (const w of kinds[kind]) b.add(w, payload(Kind.NumberContext, { group: ki }));
  });
}

/** A structural detector of roles.json, compiled: its rule, window, role bits and the pairs that find. */
export interface RoleDetector {
  id: string;
  rule: number;
  window: number;
  /** Role name → bit. */
  bits: Record<string, number>;
  /** Bit of the `ok` role (0 when none). */
  ok: number;
  /**
   * Pairs of role bits: a word of each, near each other, is a finding (in one clause, if `clause`), of
   * the pair's own rule when it names one (`[a, b, "rule:payment.card-request"]`), else of the detector's.
   */
  when: { a: number; b: number; clause: boolean; rule: number }[];
  /** Not read in a message about sending goods back (退货, 寄回 … anywhere in it). */
  skipOnReturn: boolean;
}

export const ROLE_DETECTORS: readonly RoleDetector[] = (
  roles.detectors as unknown as { id: string; rule: string; window: number; skipOnReturn?: boolean; roles: Record<string, string[]>; when: string[][] }[]
).map((d) => {
  const bits: Record<string, number> = {};
  Object.keys(d.roles).forEach((name, i) => (bits[name] = 1 << i));
  const bit = (name: string) => {
    if (!bits[name]) throw new Error(`roles.json: detector ${d.id} has no role ${name}`);
    return bits[name]!;
  };
  const rule = ruleIndex(d.rule);
  const when = d.when.map(([a, b, ...flags]) => {
    const own = flags.find((f) => f.startsWith('rule:'));
    return { a: bit(a!), b: bit(b!), clause: flags.includes('clause'), rule: own ? ruleIndex(own.slice(5)) : rule };
  });
  return { id: d.id, rule, window: d.window, bits, ok: bits.ok ?? 0, when, skipOnReturn: d.skipOnReturn === true };
});

/** Every word of the structural detectors with its roles, per detector (a word may hold several). */
function roleWords(): { detector: number; word: string; mask: number }[] {
  const out: { detector: number; word: string; mask: number }[] = [];
  (roles.detectors as unknown as { roles: Record<string, string[]> }[]).forEach((d, di) => {
    const masks = new Map<string, number>();
    for (const [name, words] of Object.entries(d.roles)) {
      const bit = ROLE_DETECTORS[di]!.bits[name]!;
      for (const entry of words) for (const w of expandTemplate(entry)) masks.set(w, (masks.get(w) ?? 0) | bit);
    }
    for (const [word, mask] of masks) out.push({ detector: di, word, mask });
  });
  return out;
}

/** The structural detectors' words (detectors/roles.ts); `keep` filters them (the phonetic lexicon's). */
function addRoles(b: Builder, keep?: (w: string) => boolean): void {
  const detectors = roles.detectors as unknown as { sound?: boolean }[];
  for (const { detector, word, mask } of roleWords()) {
    // A detector marked `"sound": false` is read as typed only (its words stay out of the phonetic lexicon).
    if (keep && (detectors[detector]!.sound === false || !keep(word))) continue;
    b.add(word, payload(Kind.Role, { group: detector, groups: mask }));
  }
}

let phoneticBuilt: Lexicon | null = null;

/** How a word is keyed in the phonetic lexicon: read the way the squashed view reads text, then by sound. */
const phoneticWordKey = (w: string) => phoneticKey(squash(w));
/** Words read as words differently from their characters (homophones.json `words`: 银行卡 → yin hang ka). */
const WORD_READINGS: Readonly<Record<string, string>> = homophones.words;

/** A builder of the phonetic lexicon: words keyed by sound, and by their reading as words where it differs. */
const phoneticBuilder = () => new Builder(phoneticWordKey, (w) => (WORD_READINGS[w] ? syllablesKey(WORD_READINGS[w]) : NUMERAL.test(w) ? charsKey(w) || undefined : undefined));
/** Numerals the squashed view reads as digits that words typed in pinyin hold most (扫一下, 二维码, 五星): keyed by their syllables too. */
const NUMERAL = /[一二五]/;

/** The phonetic lexicon (built once; the shop's own words are matched as typed, not by sound). */
export function phoneticLexicon(): Lexicon {
  if (phoneticBuilt) return phoneticBuilt;
  const ready = readyMade();
  let b: Builder;
  if (ready) b = Builder.restore(ready.phonetic, phoneticWordKey);
  else fillPhonetic((b = phoneticBuilder()));
  return (phoneticBuilt = b.build(keywordGroups(), context.numbers.window, context.numbers.after));
}

/** Compile the lexicon (and the shop's words, when given) into one automaton. */
export function compileLexicon(extras: LexiconExtras = {}): Lexicon {
  const ready = readyMade();
  let b: Builder;
  if (ready) {
    b = Builder.restore(ready.main);
    addExtras(b, extras);
  } else fill((b = new Builder()), extras);
  return b.build(keywordGroups(), context.numbers.window, context.numbers.after);
}

// ---------------------------------------------------------------------------------------------
// Ready made: lexicon/compiled.json holds what fillBuiltIn() and fillPhonetic() give, so a page's first
// build only compiles the automaton (expanding templates and variants, folding and keying ~6,000 words
// was half of that first build, run cold). `npm run gen:lexicon` writes it; every build runs it first;
// a unit test fails when the file no longer matches the lexicon and the code. Outside a production
// build the file is used only while its fingerprint matches the data files, so an edited word list is
// never read from a stale copy.

/** One payload as compiled.json stores it: kind, rule, flags, group, groups, strength, gap, invite, warn, notOn. */
export type PayloadRow = [number, number, number, number, number, number, number, number, number, string];

export interface BuilderSnapshot {
  /** The patterns, one per line. */
  keys: string;
  payloads: PayloadRow[];
  /** Per key, its number of payloads (one base-36 digit each). */
  counts: string;
  /** The rows of every key's payloads, key after key. */
  rows: number[];
}

export interface ReadyMade {
  fingerprint: string;
  main: BuilderSnapshot;
  phonetic: BuilderSnapshot;
  /** The characters the insults and threats are written with, every spelling (abuseCharacters()). */
  abuseChars: string;
}

/** The data files the ready-made lexicon is made from, as one hash. */
export function sourceFingerprint(): string {
  const sources = [
    abuse, absoluteClaim, allow, contact, context, cues, disparaging, diversion, roles, impersonation, link, payment,
    poorService, prohibited, qrCode, reviewInducement, storeAddress, variantsData, homophones, traditional,
  ];
  return hash53Hex(JSON.stringify(sources));
}

/** The built-in lexicons as fillBuiltIn() and fillPhonetic() make them now (what gen:lexicon writes). */
export function makeReadyMade(): ReadyMade {
  const main = new Builder();
  fillBuiltIn(main);
  const phonetic = phoneticBuilder();
  fillPhonetic(phonetic);
  return { fingerprint: sourceFingerprint(), main: main.snapshot(), phonetic: phonetic.snapshot(), abuseChars: [...abuseCharactersFromLists()].sort().join('') };
}

let readyChecked: ReadyMade | null | undefined;
/** Tests and the generator set this to build from the data files. */
export const readyMadeOptions = { use: true, /** Use the file without checking its fingerprint, as a production build does. */ trust: false };

/** Is the next build made from lexicon/compiled.json (tests; false while the word lists are being edited)? */
export function usingReadyMade(): boolean {
  return readyMade() !== null;
}

function readyMade(): ReadyMade | null {
  if (!readyMadeOptions.use) return null;
  if (readyChecked !== undefined) return readyChecked;
  const data = compiled as unknown as ReadyMade;
  const production = (import.meta as { env?: { PROD?: boolean } }).env?.PROD === true;
  readyChecked = data.main && (production || readyMadeOptions.trust || data.fingerprint === sourceFingerprint()) ? data : null;
  return readyChecked;
}

/** The characters the insults and threats are written with (abuse.json, every spelling). */
function abuseCharactersFromLists(): Set<string> {
  const chars = new Set<string>();
  for (const rule of abuse.rules as { terms?: string[]; standalone?: string[] }[]) {
    for (const entry of [...(rule.terms ?? []), ...(rule.standalone ?? [])]) {
      for (const w of expandTemplate(entry)) for (const v of variantsOf(w)) for (const c of squash(v.text)) chars.add(c);
    }
  }
  return chars;
}

let abuseChars: Set<number> | null = null;
/** The characters of every spelling of the insults and threats, as code units (ready made when it can be). */
export function abuseCharacters(): Set<number> {
  if (abuseChars) return abuseChars;
  const ready = readyMade();
  const chars = ready ? [...ready.abuseChars] : [...abuseCharactersFromLists()];
  return (abuseChars = new Set(chars.map((c) => c.charCodeAt(0))));
}

/** The normalised patterns of the built-in lexicon, in automaton order (benchmark peers get these). */
export function lexiconPatterns(): string[] {
  const b = new Builder();
  fill(b, {});
  return b.patterns();
}

let builtIn: Lexicon | null = null;
const byList = new WeakMap<readonly ShopWord[], { allowList: readonly string[]; lexicon: Lexicon }>();
let last: { key: string; lexicon: Lexicon } | null = null;

/**
 * The compiled lexicon for a shop's lists: built once and reused, keyed by the lists' identity and then
 * by their content, so settings read again from storage do not recompile.
 */
export function lexiconFor(shopWords: readonly ShopWord[], allowList: readonly string[]): Lexicon {
  if (shopWords.length === 0 && allowList.length === 0) return (builtIn ??= compileLexicon());
  const known = byList.get(shopWords);
  if (known && known.allowList === allowList) return known.lexicon;
  const key = `${shopWords.map((w) => `${w.word}\u0001${w.severity}`).join('\u0002')}\u0003${allowList.join('\u0002')}`;
  if (last?.key !== key) last = { key, lexicon: compileLexicon({ shopWords, allowList }) };
  byList.set(shopWords, { allowList, lexicon: last.lexicon });
  return last.lexicon;
}
