/**
 * `npm run render:workbook [-- claim.xlsx]`: renders every sheet of a claim workbook to a PNG
 * with LibreOffice (headless) and pdftoppm, so anyone can look at the workbook as an analyst
 * sees it. Without an argument it first makes the committed sample's 2019-Q3 claim. Writes
 * docs/workbook/<n>-<sheet>.png and prints how many pages the workbook prints on.
 * Needs `soffice` and `pdftoppm` (Debian/Ubuntu: apt-get install libreoffice-calc poppler-utils).
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, renameSync, rmSync } from 'node:fs';
import { join, resolve } from 'node:path';
import ExcelJS from 'exceljs';
import { runPipeline } from '../src/pipeline/run-pipeline.ts';
import { silentLogger } from '../src/shared/context.ts';

const ROOT = resolve(import.meta.dirname, '..');
const OUT = join(ROOT, 'docs', 'workbook');

async function main(): Promise<void> {
  const work = mkdtempSync(join(ROOT, 'reports', '.render-'));
  try {
    let xlsx = process.argv[2] ? resolve(process.argv[2]) : '';
    if (!xlsx) {
      const r = await runPipeline({ dbPath: join(work, 'render.db'), clock: () => new Date(0), log: silentLogger }, {
        inputs: join(ROOT, 'sample-data'), plan: 'tf-phase2', window: '2019-Q3', out: join(work, 'out'), submit: false,
      });
      xlsx = r.claim.workbook;
    }
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.readFile(xlsx);
    const sheets = wb.worksheets.map((w) => w.name);
    // One page per sheet, whatever its size: the picture of the whole sheet.
    const filter = 'pdf:calc_pdf_Export:{"SinglePageSheets":{"type":"boolean","value":"true"}}';
    const pdf = convert(xlsx, filter, join(work, 'single'));
    execFileSync('pdftoppm', ['-png', '-r', '70', pdf, join(work, 'page')]);
    const pages = readdirSync(work).filter((n) => /^page-\d+\.png$/.test(n)).sort();
    if (pages.length !== sheets.length) throw new Error(`expected ${sheets.length} pages (one per sheet), got ${pages.length}`);
    // The old pictures go only once the new ones are all there.
    mkdirSync(OUT, { recursive: true });
    for (const f of readdirSync(OUT).filter((n) => n.endsWith('.png'))) rmSync(join(OUT, f));
    pages.forEach((p, i) => renameSync(join(work, p), join(OUT, `${String(i + 1).padStart(2, '0')}-${sheets[i].toLowerCase().replace(/ /g, '-')}.png`)));
    // And as it prints, with the workbook's own page set-up.
    const printed = convert(xlsx, 'pdf', join(work, 'print'));
    const info = execFileSync('pdfinfo', [printed], { encoding: 'utf8' });
    console.log(`${sheets.length} sheets rendered to ${OUT}; printed: ${/Pages:\s+(\d+)/.exec(info)?.[1]} pages`);
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
}

function convert(xlsx: string, to: string, dir: string): string {
  mkdirSync(dir, { recursive: true });
  // A profile of its own, so a LibreOffice already open on the desktop does not swallow the request.
  execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', to, '--outdir', dir, xlsx], { stdio: 'ignore' });
  const pdf = readdirSync(dir).find((n) => n.endsWith('.pdf'));
  if (!pdf) throw new Error(`LibreOffice did not convert ${xlsx}`);
  return join(dir, pdf);
}

await main();
