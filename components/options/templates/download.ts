import { chinaDate } from '@/lib/time/china';

/** `kefu-pilot-templates-2025-06-01.json` (China date, as the rest of the extension counts days). */
export function exportFileName(now: number, ext: 'json' | 'csv'): string {
  return `kefu-pilot-templates-${chinaDate(now)}.${ext}`;
}

/** Save text as a file through a Blob, an object URL and an `<a download>`. */
export function downloadText(text: string, fileName: string, type: string): void {
  const url = URL.createObjectURL(new Blob([text], { type }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  // The download has its own copy once started; give the browser a moment before revoking.
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
}
