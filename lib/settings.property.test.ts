import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { DEFAULT_SETTINGS, loadSettings, settingsSchema } from './settings';

// Whatever storage holds (an old export, a hand edit, a damaged value), settings load: never a throw,
// always a valid document, and loading what was loaded changes nothing. A bad field falls back alone.
describe('settings, for any stored value', () => {
  it('load to a valid document, and loading again changes nothing', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (raw) => {
        const s = loadSettings(raw);
        expect(settingsSchema.safeParse(s).success).toBe(true);
        expect(loadSettings(JSON.parse(JSON.stringify(s)))).toEqual(s);
      }),
      { seed: 20261202, numRuns: 400 },
    );
  });

  it('one bad field falls back alone', () => {
    fc.assert(
      fc.property(fc.jsonValue(), (bad) => {
        const s = loadSettings({ alerts: { sound: true }, stats: { keepDays: bad } });
        expect(s.alerts.sound).toBe(true);
        expect(typeof s.stats.keepDays).toBe('number');
        if (typeof bad !== 'number' || !Number.isInteger(bad) || bad < 7 || bad > 3650) expect(s.stats.keepDays).toBe(DEFAULT_SETTINGS.stats.keepDays);
      }),
      { seed: 20261202, numRuns: 200 },
    );
  });
});
