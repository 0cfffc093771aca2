// Browser half of `npm run bench:compliance`: the check's first build in a real workbench page (the
// content script's idle warm-up: the main automaton, then the phonetic one and the learned reader in
// idle tasks of their own, from lexicon/compiled.json and model.json, cold in each new page),
// read from the extension's own performance measures (`kefu-pilot:compliance-build`, `-phonetic`, `-model`), over several page
// loads; beside it, the page's own script time on the same load (the peer: what the page itself costs).
import { launchWithExtension, simulatorUrl } from '../browser';
import { platformArg } from './platform-arg';

const platform = platformArg();
const LOADS = 7;

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const f = (n: number) => n.toFixed(1);

async function main() {
  const ext = await launchWithExtension();
  const builds: number[] = [];
  const models: number[] = [];
  const phonetics: number[] = [];
  const pageReady: number[] = [];
  try {
    for (let i = 0; i < LOADS; i++) {
      const page = await ext.context.newPage();
      await page.goto(simulatorUrl(platform.id, {}));
      await page.waitForFunction(() => (window as any).simReady === true);
      pageReady.push(await page.evaluate(() => performance.now()));
      const d = await page
        .waitForFunction(() => performance.getEntriesByName('kefu-pilot:compliance-build')[0]?.duration ?? 0, undefined, { timeout: 15000 })
        .then((h) => h.jsonValue() as Promise<number>);
      builds.push(d);
      phonetics.push(
        await page
          .waitForFunction(() => performance.getEntriesByName('kefu-pilot:compliance-phonetic')[0]?.duration ?? 0, undefined, { timeout: 15000 })
          .then((h) => h.jsonValue() as Promise<number>),
      );
      models.push(
        await page
          .waitForFunction(() => performance.getEntriesByName('kefu-pilot:compliance-model')[0]?.duration ?? 0, undefined, { timeout: 15000 })
          .then((h) => h.jsonValue() as Promise<number>),
      );
      await page.close();
    }
  } finally {
    await ext.close();
  }
  const totals = builds.map((b, i) => b + phonetics[i]! + models[i]!);
  console.log(`first build of the check in a ${platform.meta.nameEn} workbench page (content script, three idle tasks), ${LOADS} loads`);
  console.log(`  main automaton:   median ${f(median(builds))} ms, max ${f(Math.max(...builds))} ms   (target ≤ 60 ms; built while the page is idle, never on a key)`);
  console.log(`  phonetic automaton (its own idle task): median ${f(median(phonetics))} ms, max ${f(Math.max(...phonetics))} ms`);
  console.log(`  learned reader (model.json decoded, its own idle task): median ${f(median(models))} ms, max ${f(Math.max(...models))} ms`);
  console.log(`  all three:        median ${f(median(totals))} ms, max ${f(Math.max(...totals))} ms`);
  console.log(`  peer:  the simulator page itself, load to ready, median ${f(median(pageReady))} ms`);
  console.log(JSON.stringify({ browser_build_median_ms: +f(median(builds)), browser_build_max_ms: +f(Math.max(...builds)), browser_phonetic_median_ms: +f(median(phonetics)), browser_model_median_ms: +f(median(models)), browser_all_median_ms: +f(median(totals)), loads: LOADS }));
}

main().catch((e) => {
  console.error(e);
  process.exit(1);
});
