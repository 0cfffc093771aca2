import { describe, expect, it } from 'vitest';
import { chinaDayEnd, DEFAULT_PROFILES, inWindow, PROFILE_NAMES, resolveProfiles, secondsOfDay, targetLabel } from './profiles';

const ms = (iso: string) => Date.parse(iso);

describe('default profiles (metrics.md table)', () => {
  it('windows, targets, cap and levels', () => {
    const table = Object.fromEntries(
      PROFILE_NAMES.map((n) => {
        const p = DEFAULT_PROFILES[n];
        return [n, [p.window.from, p.window.to, p.targets.map((t) => t.label).join(' '), p.capS, p.levels.breachedAfterS]];
      }),
    );
    expect(table).toEqual({
      pdd: ['08:00', '23:00', '30s 3min 1h', 600, 3600],
      taobao: ['08:00', '23:00', '100s 3min', 600, 1800],
      douyin: ['08:00', '23:00', '3min', 600, 600],
      jd: ['09:00', '23:00', '30s 3min', 600, 600],
      kuaishou: ['08:00', '23:00', '3min', 600, 600],
      generic: ['00:00', '24:00', '1min 3min 10min', 600, 600],
    });
    for (const n of PROFILE_NAMES) expect(DEFAULT_PROFILES[n].levels).toMatchObject({ soonLeftS: 60, lateAfterS: 180 });
  });

  it('targetLabel', () => {
    expect([30, 100, 180, 600, 3600, 5400, 90].map(targetLabel)).toEqual(['30s', '100s', '3min', '10min', '1h', '1h30min', '90s']);
  });

  it('secondsOfDay reads HH:MM, HH:MM:SS and 24:00, and refuses the rest', () => {
    expect(['08:00', '22:59:59', '24:00', '24:00:00', '00:00'].map(secondsOfDay)).toEqual([28_800, 82_799, 86_400, 86_400, 0]);
    expect(['8:00', '24:01', '23:60', 'noon', ''].map(secondsOfDay)).toEqual([null, null, null, null, null]);
  });
});

describe('inWindow (China time, whatever the machine zone)', () => {
  it('2026-11-20T00:30:00Z is 08:30 China time: in the pdd window', () => {
    expect(inWindow(ms('2026-11-20T00:30:00Z'), DEFAULT_PROFILES.pdd)).toBe(true);
  });

  it('23:00:00 is out of the taobao window (08:00:00–22:59:59); 22:59:59.999 is in', () => {
    expect(inWindow(ms('2026-11-20T23:00:00+08:00'), DEFAULT_PROFILES.taobao)).toBe(false);
    expect(inWindow(ms('2026-11-20T22:59:59.999+08:00'), DEFAULT_PROFILES.taobao)).toBe(true);
  });

  it('works for instants before 1970 too', () => {
    expect(inWindow(ms('1969-12-31T09:00:00+08:00'), DEFAULT_PROFILES.pdd)).toBe(true);
    expect(inWindow(ms('1969-12-31T07:00:00+08:00'), DEFAULT_PROFILES.pdd)).toBe(false);
  });

  it('chinaDayEnd is the next China midnight', () => {
    expect(chinaDayEnd(ms('2026-11-20T23:59:59+08:00'))).toBe(ms('2026-11-21T00:00:00+08:00'));
    expect(chinaDayEnd(ms('2026-11-20T00:00:00+08:00'))).toBe(ms('2026-11-21T00:00:00+08:00'));
    expect(chinaDayEnd(ms('2026-11-19T16:30:00Z'))).toBe(ms('2026-11-21T00:00:00+08:00'));
  });
});

describe('resolveProfiles (settings over defaults)', () => {
  it('no overrides: the defaults, no problems', () => {
    expect(resolveProfiles(undefined)).toEqual({ profiles: DEFAULT_PROFILES, problems: [] });
  });

  it('a partial override merges over the defaults; targets are sorted', () => {
    const { profiles, problems } = resolveProfiles({
      pdd: { window: { from: '07:00' }, targets: [180, 20], levels: { soonLeftS: 30 } },
    });
    expect(problems).toEqual([]);
    expect(profiles.pdd.window).toEqual({ from: '07:00', to: '23:00' });
    expect(profiles.pdd.targets).toEqual([{ seconds: 20, label: '20s' }, { seconds: 180, label: '3min' }]);
    expect(profiles.pdd.levels).toEqual({ soonLeftS: 30, lateAfterS: 180, breachedAfterS: 3600 });
    expect(profiles.taobao).toBe(DEFAULT_PROFILES.taobao);
    expect(DEFAULT_PROFILES.pdd.window.from).toBe('08:00');
  });

  it('one bad field falls back alone, with a problem naming it', () => {
    const { profiles, problems } = resolveProfiles({
      jd: { window: { from: '9am', to: '22:00' }, capS: -5, targets: [], colour: 'red' },
      nope: {},
    });
    expect(profiles.jd.window).toEqual({ from: '09:00', to: '22:00' });
    expect(profiles.jd.capS).toBe(600);
    expect(profiles.jd.targets).toEqual(DEFAULT_PROFILES.jd.targets);
    expect(problems).toEqual([
      'jd.window.from: expected HH:MM or HH:MM:SS (24:00 allowed)',
      expect.stringMatching(/^jd\.capS: /),
      expect.stringMatching(/^jd\.targets: /),
      'jd.colour: unknown setting',
      'nope: unknown profile (known: pdd, taobao, douyin, jd, kuaishou, generic)',
    ]);
  });

  it('a window that ends before it starts keeps the default window', () => {
    const { profiles, problems } = resolveProfiles({ pdd: { window: { from: '23:30' } } });
    expect(profiles.pdd.window).toEqual(DEFAULT_PROFILES.pdd.window);
    expect(problems).toEqual(['pdd.window: from 23:30 is not before to 23:00; default kept']);
  });

  it('level thresholds stay ordered', () => {
    const { profiles, problems } = resolveProfiles({ douyin: { levels: { lateAfterS: 900, soonLeftS: 1000 } } });
    expect(profiles.douyin.levels).toEqual({ soonLeftS: 60, lateAfterS: 900, breachedAfterS: 900 });
    expect(problems).toHaveLength(2);
  });

  it('not an object at all', () => {
    expect(resolveProfiles('pdd').problems).toEqual(['profiles: expected an object keyed by profile name']);
    expect(resolveProfiles({ pdd: 3 }).problems).toEqual(['pdd: expected an object']);
  });
});
