import { platformMeta } from '../../lib/adapters/registry';
import type { PlatformMeta } from '../../lib/adapters/types';
import { DRIVERS, type Driver } from '../../tests/e2e/kit/drivers';

/** `--platform <id>` of a browser benchmark (default pdd): the workbench simulator it runs on. */
export function platformArg(argv: readonly string[] = process.argv.slice(2)): { id: Driver['platform']; meta: PlatformMeta; driver: Driver } {
  const i = argv.findIndex((a) => a === '--platform' || a.startsWith('--platform='));
  const id = i < 0 ? 'pdd' : argv[i]!.includes('=') ? argv[i]!.split('=')[1]! : argv[i + 1];
  if (!id || !Object.hasOwn(DRIVERS, id)) {
    console.error(`bench: unknown platform "${id}" (known: ${Object.keys(DRIVERS).join(', ')})`);
    process.exit(2);
  }
  return { id: id as Driver['platform'], meta: platformMeta(id), driver: DRIVERS[id as Driver['platform']] };
}
