/**
 * Resolve with an element's attribute once it is set, or null after `ms` (a probe in the page's main
 * world that could not run, or found nothing). Used to start a workbench with its shop name known.
 */
export function waitForAttribute(el: Element, name: string, ms: number): Promise<string | null> {
  const now = el.getAttribute(name);
  if (now) return Promise.resolve(now);
  return new Promise((resolve) => {
    const done = (value: string | null) => {
      observer.disconnect();
      clearTimeout(timer);
      resolve(value);
    };
    const observer = new MutationObserver(() => {
      const value = el.getAttribute(name);
      if (value) done(value);
    });
    observer.observe(el, { attributes: true, attributeFilter: [name] });
    const timer = setTimeout(() => done(el.getAttribute(name) || null), ms);
  });
}
