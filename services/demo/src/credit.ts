import { expectOk, listAll, type Api } from './client';
import type { Output } from './progress';

/**
 * 信用评价 of the demo month: staff score every firm (POST /v1/credit/runs, done by the worker) and the
 * demo prints the grade distribution and one firm's reasons as that firm reads them (GET /v1/credit/me).
 * The seeded scorecard is a proposal; on a platform where none is in force yet the demo approves it,
 * standing in for the service center, and says so.
 */

interface Scorecard {
  id: string;
  label: string;
  status: string;
}
interface Run {
  id: string;
  status: string;
  operatorCount: number | null;
  scoredCount: number;
  summary: { distribution?: Record<string, number> } | null;
}
interface Decision {
  operatorOrgId: string;
  grade: string;
  score: number;
}
interface Reason {
  rank: number;
  textZh: string;
  textEn: string;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function ensureScorecardInForce(api: Api, staffKey: string, runTag: number, output: Output) {
  const scorecards = await listAll<Scorecard>(api, staffKey, '/v1/credit/scorecards');
  if (scorecards.some((scorecard) => scorecard.status === 'active')) return;
  const proposal = scorecards.find((scorecard) => scorecard.status === 'proposed');
  if (!proposal) throw new Error('no credit scorecard to approve: the platform seeds a proposal at start-up');
  expectOk(
    'approve the credit scorecard proposal',
    await api.post(
      staffKey,
      `/v1/credit/scorecards/${proposal.id}/approve`,
      { reason: 'demo' },
      `demo:${runTag}:scorecard`,
    ),
  );
  output.line(`  scorecard ${proposal.label} approved for the demo (it is a PROPOSAL: weights are placeholders)`);
}

export async function scoreTheMonth(
  api: Api,
  keys: { staff: string; operators: { key: string; orgId: string }[] },
  runTag: number,
  output: Output,
): Promise<void> {
  output.line('');
  output.line('Credit evaluation (信用评价, POST /v1/credit/runs)');
  await ensureScorecardInForce(api, keys.staff, runTag, output);
  let run = expectOk<Run>(
    'start a credit run',
    await api.post(keys.staff, '/v1/credit/runs', {}, `demo:${runTag}:credit-run`),
  );
  const deadline = Date.now() + 120_000;
  while (run.status !== 'completed' && Date.now() < deadline) {
    await sleep(500);
    run = expectOk<Run>('credit run', await api.get(keys.staff, `/v1/credit/runs/${run.id}`));
  }
  if (run.status !== 'completed') throw new Error(`credit run ${run.id} did not complete in 120 s`);
  const distribution = Object.entries(run.summary?.distribution ?? {})
    .map(([grade, firms]) => `${grade} ${firms}`)
    .join(', ');
  output.line(`  ${run.scoredCount} firms scored: ${distribution}`);
  const decisions = await listAll<Decision>(api, keys.staff, `/v1/credit/decisions?runId=${run.id}`);
  const ours = new Set(keys.operators.map((operator) => operator.orgId));
  const lowest = decisions.filter((d) => ours.has(d.operatorOrgId)).sort((a, b) => a.score - b.score)[0];
  const firm = keys.operators.find((operator) => operator.orgId === lowest?.operatorOrgId);
  if (!lowest || !firm) return;
  const mine = expectOk<{ grade: string; score: number; reasons: Reason[] }>(
    'the firm reads its grade',
    await api.get(firm.key, '/v1/credit/me'),
  );
  output.line(`  the lowest-scored demo firm reads GET /v1/credit/me: grade ${mine.grade}, score ${mine.score}`);
  for (const reason of mine.reasons) {
    output.line(`    ${reason.rank}. ${reason.textZh}`);
    output.line(`       ${reason.textEn}`);
  }
}
