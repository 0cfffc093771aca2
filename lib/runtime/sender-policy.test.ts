import { describe, expect, it } from 'vitest';
import { allowedFrom } from './sender-policy';

const ext = 'chrome-extension://abcdefghijklmnop/';
const page = { tabId: 7, url: 'https://mms.pinduoduo.com/chat-merchant/index.html', extensionOrigin: ext };

describe('allowedFrom', () => {
  it('a workbench content script may record events and report its waiting buyers, nothing else', () => {
    expect(allowedFrom({ type: 'events/record', events: [] }, page)).toBe(true);
    expect(allowedFrom({ type: 'tab/waiting' }, page)).toBe(true);
    for (const type of ['events/list', 'stats/today', 'stats/day-counts', 'waiting/all', 'tabs/focus']) {
      expect(allowedFrom({ type }, page), type).toBe(false);
    }
    expect(allowedFrom('events/list', page)).toBe(false);
    expect(allowedFrom(null, page)).toBe(false);
  });

  it("the extension's own pages may ask for everything", () => {
    const popup = { url: `${ext}popup.html`, extensionOrigin: ext };
    for (const type of ['events/list', 'stats/today', 'waiting/all', 'tabs/focus', 'events/record']) {
      expect(allowedFrom({ type }, popup), type).toBe(true);
    }
    // An extension page opened in a tab is still an extension page.
    expect(allowedFrom({ type: 'events/list' }, { tabId: 3, url: `${ext}options.html`, extensionOrigin: ext })).toBe(true);
  });

  it('another origin that merely starts like ours is a page', () => {
    expect(allowedFrom({ type: 'events/list' }, { url: 'chrome-extension://abcdefghijklmnopX/popup.html', extensionOrigin: ext })).toBe(false);
    expect(allowedFrom({ type: 'events/list' }, { extensionOrigin: ext })).toBe(false);
  });
});
