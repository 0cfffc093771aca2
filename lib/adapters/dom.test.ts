// @vitest-environment happy-dom
import { beforeEach, describe, expect, it } from 'vitest';
import { firstText, imagesAround, noMatch, queryAllFirst, queryFirst, textOf } from './dom';

beforeEach(() => {
  document.body.innerHTML = '<ul><li class="b">  one </li><li class="b"> </li><li class="c">three</li></ul>';
});

describe('queryFirst / queryAllFirst', () => {
  it('use the first selector that matches anything, and say which', () => {
    expect(queryFirst(document, ['.a', '.b', '.c'])).toMatchObject({ selector: '.b' });
    const all = queryAllFirst(document, ['.a', '.b', 'li']);
    expect(all.selector).toBe('.b');
    expect(all.nodes).toHaveLength(2);
  });

  it('report no match', () => {
    expect(queryFirst(document, ['.a'])).toBeNull();
    expect(queryAllFirst(document, ['.a'])).toEqual({ selector: null, nodes: [] });
  });

  it('skip a selector the engine cannot parse', () => {
    expect(queryFirst(document, ['li[', '.c'])?.selector).toBe('.c');
  });

  it('search under the given root only', () => {
    const li = document.querySelector('.c')!;
    expect(queryFirst(li, ['li'])).toBeNull();
  });
});

describe('text helpers', () => {
  it('trim, and give null for missing or blank nodes', () => {
    const [one, blank] = document.querySelectorAll('li');
    expect(textOf(one)).toBe('one');
    expect(textOf(blank)).toBeNull();
    expect(textOf(null)).toBeNull();
    expect(firstText(document, ['.a', '.c'])).toBe('three');
    expect(firstText(document, ['.a'])).toBeNull();
  });

  it('noMatch names the list and its selectors', () => {
    expect(noMatch('messageList', ['#x ul', 'ul'])).toBe('messageList: no match for #x ul, ul');
  });
});

describe('imagesAround (the images of a dialog known only by its send control)', () => {
  it('finds the preview images of the nearest box that holds any, never the composer’s or the page’s', () => {
    document.body.innerHTML =
      '<img id="avatar" alt="头像"><div id="composer"><img id="typed"></div>' +
      '<div class="modal"><div class="body"><img id="p1"><img id="p2"></div><div class="footer"><div id="submit" role="button">发送(2)</div></div></div>';
    const found = imagesAround(document.getElementById('submit')!, document.getElementById('composer'));
    expect(found.map((i) => i.id)).toEqual(['p1', 'p2']);
  });

  it('gives nothing when no box near the control holds an image', () => {
    document.body.innerHTML = '<img id="avatar"><div><div><div id="submit">发送</div></div></div>';
    expect(imagesAround(document.getElementById('submit')!, null)).toEqual([]);
  });
});
