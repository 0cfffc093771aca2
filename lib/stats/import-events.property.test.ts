import 'fake-indexeddb/auto';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { chatEvent } from './events';
import { importEvents, parseEventsFile } from './import-events';
import { KefuDb } from './db';
import { storedRowProblem } from './rollup';
import { chinaDate } from '../time/china';

// Property tests of the events import (seeded, bounded): whatever the file, parsing never throws; what
// it accepts is what the stored schema and the rollups accept; a refused file stores nothing.

const ts = fc
  .record({
    y: fc.integer({ min: 0, max: 10_050 }),
    mo: fc.integer({ min: 0, max: 13 }),
    d: fc.integer({ min: 0, max: 32 }),
    h: fc.integer({ min: 0, max: 25 }),
    off: fc.constantFrom('+08:00', 'Z', '-12:00', '+14:00', '+14:30', '-13:00', '+05:45'),
  })
  .map(({ y, mo, d, h, off }) => `${String(y).padStart(4, '0')}-${String(mo).padStart(2, '0')}-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:15:02${off}`);
const event = fc.record({
  id: fc.oneof(fc.string({ minLength: 0, maxLength: 8 }), fc.uuid()),
  type: fc.constantFrom('buyer_message', 'agent_message', 'buyer_excluded', 'mystery'),
  ts: fc.oneof(ts, fc.constant('2026-11-20T09:15:02+08:00')),
  platform: fc.constantFrom('pdd', 'douyin', 'jd', 'nope'),
  shop: fc.string({ maxLength: 4 }),
  buyer: fc.string({ maxLength: 4 }),
  sender: fc.constantFrom('human', 'robot', undefined),
  reason: fc.constantFrom('advertising', undefined),
});
const line = fc.oneof(event.map((e) => JSON.stringify(e)), fc.string({ maxLength: 20 }));
const file = fc.array(line, { maxLength: 12 }).map((lines) => lines.join('\n'));

describe('events import, for any file', () => {
  it('never throws; accepted events are valid events whose stored rows the rollups can compute', () => {
    fc.assert(
      fc.property(file, (text) => {
        const r = parseEventsFile(text);
        if (!r.ok) {
          expect(r.line).toBeGreaterThanOrEqual(0);
          return;
        }
        for (const e of r.events) {
          expect(chatEvent.safeParse(e).success).toBe(true);
          expect(storedRowProblem({ ...e, day: chinaDate(Date.parse(e.ts)) }, chinaDate(Date.parse(e.ts)))).toBeNull();
        }
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('never throws on arbitrary bytes either', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 200 }), (bytes) => {
        parseEventsFile(bytes);
      }),
      { seed: 20261202, numRuns: 300 },
    );
  });

  it('a refused file stores nothing; an accepted one stores only its events', async () => {
    await fc.assert(
      fc.asyncProperty(file, async (text) => {
        const db = new KefuDb(`prop-${Math.random()}`);
        const r = parseEventsFile(text);
        if (r.ok) await importEvents(db, r.events);
        const stored = await db.events.count();
        if (!r.ok) expect(stored).toBe(0);
        else expect(stored).toBe(new Set(r.events.map((e) => e.id)).size);
        db.close();
      }),
      { seed: 20261202, numRuns: 40 },
    );
  });
});
