// Finds Debian's Chromium for the browser tests and the demo, with what a Chinese UI needs: the
// zh-CN locale pack (Chromium's UI language decides the extension's language) and a CJK font (so
// screenshots show characters, not boxes). Installs what is missing when it can (root + apt),
// otherwise says exactly what to install. Playwright's own browser download does not work here.
import { existsSync, readdirSync } from 'node:fs';
import { execFileSync } from 'node:child_process';

export const DEBIAN_PACKAGES = ['chromium', 'chromium-l10n', 'fonts-wqy-microhei'];

const BINARIES = [process.env.CHROMIUM_PATH, '/usr/bin/chromium', '/usr/bin/chromium-browser', '/usr/bin/google-chrome'].filter(Boolean);

export function findChromium() {
  return BINARIES.find((p) => existsSync(p)) ?? null;
}

function hasCjkFont() {
  try {
    return execFileSync('fc-list', [':lang=zh', 'family'], { encoding: 'utf8' }).trim().length > 0;
  } catch {
    return ['/usr/share/fonts/truetype/wqy', '/usr/share/fonts/opentype/noto'].some((d) => existsSync(d) && readdirSync(d).length > 0);
  }
}

/** Debian packages still missing (a custom CHROMIUM_PATH is trusted to bring its own locales). */
export function missingPackages() {
  const missing = [];
  const bin = findChromium();
  if (!bin) missing.push('chromium');
  if ((!bin || bin === '/usr/bin/chromium') && !existsSync('/usr/lib/chromium/locales/zh-CN.pak')) missing.push('chromium-l10n');
  if (!hasCjkFont()) missing.push('fonts-wqy-microhei');
  return missing;
}

export function ensureChromium({ quiet = false } = {}) {
  let missing = missingPackages();
  const isRoot = typeof process.getuid === 'function' && process.getuid() === 0;
  if (missing.length && isRoot && existsSync('/usr/bin/apt-get')) {
    if (!quiet) console.log(`Installing Debian packages for the browser: ${missing.join(' ')}`);
    const env = { ...process.env, DEBIAN_FRONTEND: 'noninteractive' };
    execFileSync('apt-get', ['update', '-qq'], { stdio: 'inherit', env });
    execFileSync('apt-get', ['install', '-y', '-qq', ...missing], { stdio: 'inherit', env });
    missing = missingPackages();
  }
  const bin = findChromium();
  if (!missing.length && bin) return bin;
  console.error(
    [
      `Missing for the browser tests and the demo: ${missing.join(', ')}.`,
      `Install Debian's packages:   sudo apt-get update && sudo apt-get install -y ${missing.join(' ')}`,
      'or point CHROMIUM_PATH at a Chromium or Chrome binary (and install a Chinese font).',
    ].join('\n'),
  );
  process.exit(1);
}

// Run directly: `node scripts/chromium.mjs` makes sure everything is there and prints Chromium's path.
if (import.meta.url === `file://${process.argv[1]}`) console.log(ensureChromium());
