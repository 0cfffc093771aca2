import type { Countdown } from '@/lib/timing/countdown';
import { t } from '@/lib/i18n';

/**
 * Countdown chips beside the page's own conversation rows. The page re-renders its rows (new nodes),
 * so chips are put back after each read of the page; each chip is a plain span with its own shadow
 * root, so the platform's CSS cannot reach it (content scripts get no custom elements).
 */

export const CHIP_ATTR = 'data-kefu-pilot-chip';

const CSS = `
:host { all: initial; display: block; margin-top: 2px; }
span { display: inline-block; font: 600 11px/16px -apple-system, "PingFang SC", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif;
  padding: 0 6px; border-radius: 8px; white-space: nowrap; color: #fff; }
.fine { background: #1a7f37; } .soon { background: #bf8700; } .late { background: #d1242f; }
.breached { background: #82071e; } .out { opacity: .7; }
`;

/** `1:25`, `12:03`, `1:02:03`: elapsed or left, as a clock the agent reads at a glance. */
export function clock(ms: number): string {
  const s = Math.max(0, Math.floor(ms / 1000));
  const h = Math.floor(s / 3600);
  const m = Math.floor((s % 3600) / 60);
  const sec = String(s % 60).padStart(2, '0');
  return h ? `${h}:${String(m).padStart(2, '0')}:${sec}` : `${m}:${sec}`;
}

export function chipText(c: Countdown): string {
  const elapsed = clock(c.elapsedMs);
  if (!c.nextTarget || c.leftMs === null) return t('chipOverdue', elapsed);
  return t('chipLeft', elapsed, c.nextTarget.label, clock(c.leftMs));
}

interface Chip {
  host: HTMLElement;
  label: HTMLSpanElement;
}

export class Chips {
  private readonly chips = new Map<HTMLElement, Chip>();

  /** Put a chip on every row of each waiting buyer, update its text, and drop the others. */
  render(rows: Map<string, HTMLElement[]>, slotOf: (row: HTMLElement) => HTMLElement, waiting: Map<string, Countdown>): void {
    const keep = new Set<HTMLElement>();
    for (const [buyer, c] of waiting) {
      for (const row of rows.get(buyer) ?? []) {
        keep.add(row);
        let chip = this.chips.get(row);
        if (!chip || !chip.host.isConnected || !row.contains(chip.host)) {
          chip = this.create(row, slotOf(row), buyer);
          this.chips.set(row, chip);
        }
        const text = chipText(c);
        if (chip.label.textContent !== text) chip.label.textContent = text;
        const cls = `${c.level}${c.inWindow ? '' : ' out'}`;
        if (chip.label.className !== cls) chip.label.className = cls;
        chip.host.title = c.inWindow ? '' : t('chipOutOfWindow');
      }
    }
    for (const [row, chip] of this.chips) {
      if (!keep.has(row) || !row.isConnected) {
        chip.host.remove();
        this.chips.delete(row);
      }
    }
  }

  clear(): void {
    for (const chip of this.chips.values()) chip.host.remove();
    this.chips.clear();
  }

  private create(row: HTMLElement, slot: HTMLElement, buyer: string): Chip {
    row.querySelectorAll(`[${CHIP_ATTR}]`).forEach((n) => n.remove());
    const host = document.createElement('span');
    host.setAttribute(CHIP_ATTR, buyer);
    const root = host.attachShadow({ mode: 'open' });
    const style = document.createElement('style');
    style.textContent = CSS;
    const label = document.createElement('span');
    label.setAttribute('part', 'label');
    root.append(style, label);
    slot.append(host);
    return { host, label };
  }
}
