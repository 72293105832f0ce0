// One rehearsal worker: runs each rehearsal it is handed (runbook YAML against a fresh twin) and
// posts back its report, so the server's event loop goes on answering everyone else meanwhile.
import { parentPort } from 'node:worker_threads';
import { formatRunbookErrors, parseRunbook } from '../runbook/load.js';
import { htmlReport } from '../runbook/report/html.js';
import { jsonReport } from '../runbook/report/json.js';
import { textReport } from '../runbook/report/text.js';
import { runRunbook } from '../runbook/run.js';
import { refusal } from './errors.js';
import { uploadTooBig } from './limits.js';
import type { RehearsalAnswer, RehearsalJob } from './rehearsals.js';

function rehearse({ runbook, fileName, format }: RehearsalJob): RehearsalAnswer {
  const parsed = parseRunbook(runbook, fileName);
  if (!parsed.ok) return refusal('XTW_ERR_SERVER_BAD_RUNBOOK', { value: formatRunbookErrors(parsed.errors) });
  const tooBig = uploadTooBig(parsed.runbook);
  if (tooBig) return refusal('XTW_ERR_SERVER_RUNBOOK_TOO_BIG', { file: fileName, value: tooBig });
  const run = runRunbook(parsed.runbook);
  if (format === 'json') return { ok: true, type: 'application/json; charset=utf-8', body: JSON.stringify(jsonReport(run, fileName)) };
  if (format === 'text') return { ok: true, type: 'text/plain; charset=utf-8', body: textReport(run, { file: fileName }) };
  return { ok: true, type: 'text/html; charset=utf-8', body: htmlReport(run, fileName) };
}

parentPort!.on('message', (job: RehearsalJob & { id: number }) => {
  let answer: RehearsalAnswer;
  try {
    answer = rehearse(job);
  } catch (e) {
    answer = refusal('XTW_ERR_SERVER_INTERNAL', { value: `the rehearsal failed: ${(e as Error).message}` });
  }
  parentPort!.postMessage({ id: job.id, answer });
});
