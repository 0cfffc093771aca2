import { CHINA_OFFSET_MS } from '../time/china';

/**
 * Template variables. Syntax: a name in braces, half- or full-width (`{买家昵称}` or `｛买家昵称｝`,
 * since a Chinese IME types the latter).
 *
 * | variable      | becomes                                                                  |
 * | ------------- | ------------------------------------------------------------------------ |
 * | `{买家昵称}`   | the buyer's nickname from the page                                       |
 * | `{店铺名}`     | the shop name                                                            |
 * | `{客服昵称}`   | the agent's nickname                                                     |
 * | `{问候语}`     | 早上好 before 12:00, 下午好 12:00–17:59, 晚上好 from 18:00, China time       |
 * | `{订单号}`     | the order number, when the adapter can read one                          |
 * | `{光标}`       | removed; the cursor is placed there (first one wins, others are removed) |
 * | `{填写:尺码}`  | a fill-in field the agent types at insertion (`填写：尺码` also accepted)  |
 *
 * Nothing is silently dropped: a variable whose value is unknown in this context (`{订单号}` with
 * no order open, a fill-in left empty) stays in the text as written and is listed in `missing`; a
 * name that is not a variable at all (`{优惠券}`) stays in the text and is listed in `unknown`.
 * `placeholders` gives the range of each kept token in the output so the UI can select it.
 */

export const VARIABLE_NAMES = ['买家昵称', '店铺名', '客服昵称', '问候语', '订单号', '光标'] as const;
export type VariableName = (typeof VARIABLE_NAMES)[number];

export interface RenderContext {
  /** Epoch ms; the greeting reads China time from it, never the machine's zone. */
  now: number;
  buyerNick?: string | null;
  shopName?: string | null;
  agentNick?: string | null;
  orderId?: string | null;
}

/** Values the agent typed for fill-in fields, by field name (`{ 尺码: 'XL' }`). */
export type Fills = Readonly<Record<string, string | undefined>>;

export type TokenKind = 'variable' | 'cursor' | 'field' | 'unknown';

export interface Token {
  kind: TokenKind;
  /** Variable or field name (`订单号`, `尺码`), or the unknown name as written. */
  name: string;
  /** The token as written in the body (`{填写:尺码}`). */
  raw: string;
  start: number;
  end: number;
}

export interface Placeholder {
  /** Where the kept token sits in the rendered text, UTF-16 [start, end). */
  start: number;
  end: number;
  token: string;
  name: string;
  reason: 'missing' | 'unknown';
}

export interface RenderResult {
  text: string;
  /** UTF-16 offset in `text` where the cursor goes ({光标}, else the end). */
  cursor: number;
  /** Known variables / fill-in fields without a value here; their tokens stay visible in `text`. */
  missing: { kind: 'variable' | 'field'; name: string; token: string }[];
  /** Names that are not variables; kept visible in `text`. */
  unknown: { name: string; token: string }[];
  placeholders: Placeholder[];
}

const TOKEN = /[{｛]([^{}｛｝\n]{1,30})[}｝]/g;
const FIELD = /^(?:填写|填)\s*[:：]\s*(\S(?:.*\S)?)$/;
const KNOWN = new Set<string>(VARIABLE_NAMES);

/** Every token of a body, in order. */
export function parseTokens(body: string): Token[] {
  const out: Token[] = [];
  for (const m of body.matchAll(TOKEN)) {
    const inner = m[1]!.trim();
    const start = m.index!;
    const raw = m[0];
    const field = FIELD.exec(inner);
    if (field) out.push({ kind: 'field', name: field[1]!, raw, start, end: start + raw.length });
    else if (inner === '光标') out.push({ kind: 'cursor', name: inner, raw, start, end: start + raw.length });
    else if (KNOWN.has(inner)) out.push({ kind: 'variable', name: inner, raw, start, end: start + raw.length });
    else out.push({ kind: 'unknown', name: inner, raw, start, end: start + raw.length });
  }
  return out;
}

/** The fill-in fields the agent must type before inserting, in order of first appearance. */
export function templateFields(body: string): string[] {
  return [...new Set(parseTokens(body).filter((t) => t.kind === 'field').map((t) => t.name))];
}

/** The names in braces that are not variables (shown to the author on save). */
export function unknownVariables(body: string): string[] {
  return [...new Set(parseTokens(body).filter((t) => t.kind === 'unknown').map((t) => t.name))];
}

/** Hour 0–23 of the instant on a China wall clock (UTC+8, no DST). */
export function chinaHour(now: number): number {
  const day = 24 * 3600 * 1000;
  const ms = (((now + CHINA_OFFSET_MS) % day) + day) % day;
  return Math.floor(ms / 3600000);
}

/** 早上好 before 12:00, 下午好 from 12:00 to 17:59, 晚上好 from 18:00 — China time. */
export function chinaGreeting(now: number): '早上好' | '下午好' | '晚上好' {
  const h = chinaHour(now);
  return h < 12 ? '早上好' : h < 18 ? '下午好' : '晚上好';
}

const present = (v: string | null | undefined): v is string => typeof v === 'string' && v.trim().length > 0;

function variableValue(name: string, ctx: RenderContext): string | null {
  switch (name) {
    case '买家昵称':
      return present(ctx.buyerNick) ? ctx.buyerNick : null;
    case '店铺名':
      return present(ctx.shopName) ? ctx.shopName : null;
    case '客服昵称':
      return present(ctx.agentNick) ? ctx.agentNick : null;
    case '订单号':
      return present(ctx.orderId) ? ctx.orderId : null;
    case '问候语':
      return chinaGreeting(ctx.now);
    default:
      return null;
  }
}

/**
 * Fill a template for insertion. Values are inserted verbatim (a value containing braces is not
 * expanded again). Returns the text, the cursor offset, and what is missing or unknown.
 */
export function render(template: { body: string } | string, ctx: RenderContext, fills: Fills = {}): RenderResult {
  const body = typeof template === 'string' ? template : template.body;
  let text = '';
  let cursor = -1;
  let last = 0;
  const missing: RenderResult['missing'] = [];
  const unknown: RenderResult['unknown'] = [];
  const placeholders: Placeholder[] = [];
  const seenMissing = new Set<string>();
  const seenUnknown = new Set<string>();

  const keep = (tok: Token, reason: Placeholder['reason']) => {
    placeholders.push({ start: text.length, end: text.length + tok.raw.length, token: tok.raw, name: tok.name, reason });
    text += tok.raw;
  };

  for (const tok of parseTokens(body)) {
    text += body.slice(last, tok.start);
    last = tok.end;
    if (tok.kind === 'cursor') {
      if (cursor < 0) cursor = text.length;
      continue;
    }
    if (tok.kind === 'unknown') {
      keep(tok, 'unknown');
      if (!seenUnknown.has(tok.name)) (seenUnknown.add(tok.name), unknown.push({ name: tok.name, token: tok.raw }));
      continue;
    }
    const value = tok.kind === 'field' ? (present(fills[tok.name]) ? fills[tok.name]! : null) : variableValue(tok.name, ctx);
    if (value !== null) {
      text += value;
      continue;
    }
    keep(tok, 'missing');
    const key = `${tok.kind}:${tok.name}`;
    if (!seenMissing.has(key)) {
      seenMissing.add(key);
      missing.push({ kind: tok.kind === 'field' ? 'field' : 'variable', name: tok.name, token: tok.raw });
    }
  }
  text += body.slice(last);
  return { text, cursor: cursor < 0 ? text.length : cursor, missing, unknown, placeholders };
}
