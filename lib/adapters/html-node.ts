/**
 * Node-only: load a saved workbench page into happy-dom for tests and scripts/inspect.ts.
 * Never imported by the extension (the browser gives adapters the real document).
 */
import { Window } from 'happy-dom';

export interface LoadedPage {
  document: Document;
  /** Release the window's timers and tasks. */
  close(): Promise<void>;
}

/** Parse a page with its scripts, styles and navigation all disabled: only the markup matters. */
/** `url` is where the page is taken to be (its `location`): pass the platform's workbench URL. */
export function loadHtml(html: string, url: string): LoadedPage {
  const window = new Window({
    url,
    settings: {
      enableJavaScriptEvaluation: false,
      disableJavaScriptFileLoading: true,
      enableCSSFileLoading: false,
      enableImageFileLoading: false,
      enableIframePageLoading: false,
      navigation: {
        disableMainFrameNavigation: true,
        disableChildFrameNavigation: true,
        disableChildPageNavigation: true,
      },
    },
  });
  window.document.write(html);
  return {
    // happy-dom's Document is structurally the DOM's, but its types are its own.
    document: window.document as unknown as Document,
    close: () => window.happyDOM.close(),
  };
}
