// Finds Debian's Chromium for the browser tests and the demo; installs it when we can (root + apt),
// otherwise says exactly what to install. Playwright's own browser download does not work here.
import { existsSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

const CANDIDATES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);

export function findChromium() {
  return CANDIDATES.find((p) => existsSync(p)) ?? null;
}

export function ensureChromium({ quiet = false } = {}) {
  const found = findChromium();
  if (found) return found;
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  const hasApt = existsSync('/usr/bin/apt-get');
  if (isRoot && hasApt) {
    if (!quiet) console.log('Chromium not found: installing Debian\'s package (apt-get install -y chromium)…');
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit' });
    execFileSync('apt-get', ['install', '-y', '-qq', 'chromium'], { stdio: 'inherit', env: { ...process.env, DEBIAN_FRONTEND: 'noninteractive' } });
    const now = findChromium();
    if (now) return now;
  }
  console.error(
    [
      'Chromium is needed for the browser tests and the demo, and was not found.',
      'Install Debian\'s package:   sudo apt-get update && sudo apt-get install -y chromium',
      'or point CHROMIUM_PATH at a Chromium or Chrome binary.',
    ].join('\n'),
  );
  process.exit(1);
}

// Run directly: `node scripts/chromium.mjs` makes sure Chromium is there and prints its path.
if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
