/**
 * npm run bench [-- --quick] [--json <file>]
 *
 * Builds a large deterministic clinic with the demo generator (40 beds, 4
 * sessions a day, 6 days a week, 10 years behind and 2 years ahead, about 2,000
 * patients, its full audit trail), then measures each figure beside the raw
 * SQLite operation doing the same work in the same run. --quick uses a small
 * clinic so CI can check that the benchmark itself works.
 */
import fs from 'node:fs'
import os from 'node:os'
import path from 'node:path'
import { parseArgs } from 'node:util'
import { ensureBuilt } from '../../src-main/cli/ensure-built.js'
import { clinic, ONE_YEAR, QUICK_LONG, QUICK_SHORT, TEN_YEARS } from './clinics.js'
import { backupFigures, bookOne, dayBoardTimes, generateYear, patientSearch } from './core-figures.js'
import { type Metric, metric, table } from './report.js'
import { uiFigures } from './ui-figures.js'

const ORDER = [
  'generate_year',
  'book_one',
  'day_board',
  'patient_search',
  'history_growth',
  'backup_export',
  'restore',
  'board_render',
  'drop_roundtrip',
  'host_start',
  'host_rss',
]

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { quick: { type: 'boolean', default: false }, json: { type: 'string' } },
    strict: true,
  })
  const quick = values.quick
  const started = Date.now()
  const say = (line: string) => console.log(line)
  say(
    `Benchmark (${quick ? 'quick' : 'full'}) on ${os.cpus().length} × ${os.cpus()[0]?.model.trim()}, ${Math.round(os.totalmem() / 2 ** 30)} GiB, Node ${process.version}`,
  )
  // Built before anything is timed: host_start measures a start, not a build.
  ensureBuilt({ forElectron: true })
  const long = clinic(quick ? QUICK_LONG : TEN_YEARS, say)
  const short = clinic(quick ? QUICK_SHORT : ONE_YEAR, say)
  const scratch = fs.mkdtempSync(path.join(os.tmpdir(), 'desk-bench-'))
  const results: (Metric & { met: boolean })[] = []
  // Each figure is said as soon as it is measured: a long run shows its progress, and a failure late in it loses nothing.
  const push = (...ms: (Metric & { met: boolean })[]) => {
    for (const m of ms) {
      results.push(m)
      say(
        `  ${m.name}: ${m.value} ${m.unit} (raw ${m.baseline}, ratio ${m.ratio}; target ${m.target}${m.met ? '' : ' NOT MET'})`,
      )
    }
  }
  try {
    say('Measuring…')
    push(...(await generateYear(scratch, 40, quick ? 1 : 3)))
    push(...(await bookOne(long, scratch, quick ? 50 : 200)))
    const board10 = await dayBoardTimes(long, quick ? 60 : 300)
    const board1 = await dayBoardTimes(short, quick ? 60 : 300)
    push(metric('day_board', board10.ours, 'ms', board10.raw, { maxValue: 2, maxRatio: 3 }))
    push(...(await patientSearch(long, quick ? 60 : 300)))
    push(metric('history_growth', board10.ours / board1.ours, 'x', board10.raw / board1.raw, { maxValue: 1.3 }))
    push(...(await backupFigures(long, scratch, quick ? 1 : 3)))
    push(
      ...(await uiFigures(long, scratch, { renders: quick ? 3 : 10, drops: quick ? 10 : 50, rawBoardMs: board10.raw })),
    )
  } finally {
    fs.rmSync(scratch, { recursive: true, force: true })
  }
  results.sort((a, b) => ORDER.indexOf(a.name) - ORDER.indexOf(b.name))
  say('')
  say(table(results))
  say(
    `\n${results.filter((m) => m.met).length} of ${results.length} targets met; ${((Date.now() - started) / 1000).toFixed(0)} s in all.`,
  )
  if (values.json) {
    const metrics = results.map(({ name, value, unit, baseline, ratio, target }) => ({
      name,
      value,
      unit,
      baseline,
      ratio,
      target,
    }))
    fs.writeFileSync(values.json, `${JSON.stringify({ metrics }, null, 2)}\n`)
    say(`Wrote ${values.json}`)
  }
  const missing = ORDER.filter((n) => !results.some((m) => m.name === n))
  if (missing.length > 0) throw new Error(`metrics not reported: ${missing.join(', ')}`)
}

main().catch((e) => {
  console.error(`Benchmark failed: ${e instanceof Error ? e.message : String(e)}`)
  process.exit(1)
})
