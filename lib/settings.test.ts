import { describe, it, expect } from 'vitest';
import { loadSettings, DEFAULT_SETTINGS, inQuietHours, quietHoursEnd } from './settings';

describe('settings', () => {
  it('gives the defaults for nothing stored', () => {
    expect(loadSettings(undefined)).toEqual(DEFAULT_SETTINGS);
    expect(DEFAULT_SETTINGS.alerts.levels).toEqual({ soon: false, late: true, breached: true });
  });

  it('keeps good fields and puts a bad one back to its default alone', () => {
    const s = loadSettings({ alerts: { enabled: false, sound: 'loud', quietHours: { enabled: true, from: '25:00', to: '14:00' } } });
    expect(s.alerts.enabled).toBe(false);
    expect(s.alerts.sound).toBe(false);
    expect(s.alerts.quietHours).toEqual({ enabled: true, from: '12:00', to: '14:00' });
    expect(s.templates).toEqual(DEFAULT_SETTINGS.templates);
  });

  it('reads quiet hours in China time, across midnight too: 23:30 China is 15:30 UTC', () => {
    const at = (iso: string) => Date.parse(iso);
    const lunch = { enabled: true, from: '12:00', to: '13:30' };
    expect(inQuietHours(at('2026-11-25T12:10:00+08:00'), lunch)).toBe(true);
    expect(inQuietHours(at('2026-11-25T05:10:00Z'), lunch)).toBe(true);
    expect(inQuietHours(at('2026-11-25T13:30:00+08:00'), lunch)).toBe(false);
    const night = { enabled: true, from: '23:00', to: '08:00' };
    expect(inQuietHours(at('2026-11-25T15:30:00Z'), night)).toBe(true);
    expect(inQuietHours(at('2026-11-25T07:59:00+08:00'), night)).toBe(true);
    expect(inQuietHours(at('2026-11-25T08:00:00+08:00'), night)).toBe(false);
    expect(inQuietHours(at('2026-11-25T12:10:00+08:00'), { ...lunch, enabled: false })).toBe(false);
  });

  it('says when quiet hours end, the next morning for a night range', () => {
    const night = { enabled: true, from: '23:00', to: '08:00' };
    expect(quietHoursEnd(Date.parse('2026-11-25T23:30:00+08:00'), night)).toBe(Date.parse('2026-11-26T08:00:00+08:00'));
    expect(quietHoursEnd(Date.parse('2026-11-26T07:00:00+08:00'), night)).toBe(Date.parse('2026-11-26T08:00:00+08:00'));
    expect(quietHoursEnd(Date.parse('2026-11-26T09:00:00+08:00'), night)).toBeNull();
  });
});

describe('robot nicknames', () => {
  it('keeps a list per platform, trimmed and de-duplicated; a bad entry drops alone', () => {
    const s = loadSettings({ robotNicknames: { jd: [' 京小智 ', '京小智', '', 42, '小店助手'], kuaishou: 'not a list' } });
    expect(s.robotNicknames).toEqual({ jd: ['京小智', '小店助手'] });
    expect(DEFAULT_SETTINGS.robotNicknames).toEqual({});
  });
});
