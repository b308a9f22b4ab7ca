import { seedProgramme } from '@baigou/core';
import { expectOk, inParallel, listAll, type Api, type Problem } from './client';
import type { DemoKeys } from './platform';
import type { Output } from './progress';
import { uscc } from './identities';
import { operatorUscc } from './registry';

/**
 * 试点专项资金 of the demo month, through the REST API as the center's staff, the firms and the audit
 * firm would drive it: a programme in force, the credit insurance policy of the demo firms (信保), a
 * period run over the month's facts by the worker, the coverage report (every firm with exports:
 * claimed, or why not), each claim confirmed by its firm and passed in preliminary review, third-party
 * audit tasks of every kind (lines sampled with a recorded seed, a finding per line), committee
 * approval, public notice with one objection decided, and approval for payment against the budget.
 * The approved claims are what the payout step pays (services/demo/src/payout.ts, issue 14).
 */

export interface SubsidyContext {
  api: Api;
  keys: DemoKeys;
  runTag: number;
  month: string;
  /** China date of the run. */
  today: string;
  concurrency: number;
  output: Output;
}

export interface ApprovedClaim {
  claimId: string;
  operatorOrgId: string;
  amountCny: string;
}

/** What the month's fund step leaves for the payout step. */
export interface SubsidyOutcome {
  periodId: string;
  approved: ApprovedClaim[];
}

interface Claim {
  id: string;
  operatorOrgId: string;
  status: string;
  draftedCny: string;
  amountCny: string;
}
interface CoverageItem {
  outcome: string;
  reasons: { code: string; zh: string; en: string }[];
}
interface Coverage {
  firms: number;
  claimed: number;
  claimedShare: string | null;
  items: CoverageItem[];
}
interface AuditTask {
  id: string;
  sampleSeed: number | null;
  sample: { lineId: string; amountCny: string }[];
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const fen = (amount: string) => BigInt(amount.replace('.', ''));
const cny = (value: bigint) => `${value / 100n}.${(value % 100n).toString().padStart(2, '0')}`;
const total = (amounts: readonly string[]) => cny(amounts.reduce((sum, amount) => sum + fen(amount), 0n));
const addDays = (day: string, days: number) =>
  new Date(Date.parse(`${day}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 10);

/**
 * The programme in force today, or the demo's own: the seeded proposal's items and amounts, effective
 * from the month's first day, without the 30 days of registration the proposal asks for — the demo's
 * firms may have been registered this morning. Staff would approve the real measure instead.
 */
async function programmeInForce(context: SubsidyContext): Promise<string> {
  const { api, keys, runTag, month } = context;
  const versions = expectOk<{ items: { id: string; label: string; status: string }[]; inForce: string | null }>(
    'programme versions',
    await api.get(keys.staff, '/v1/subsidy/programme-versions'),
  );
  const inForce = versions.items.find((version) => version.id === versions.inForce);
  if (inForce) return `${inForce.label} (in force)`;
  const label = `demo ${month}`;
  // A run stopped between proposing and approving left the proposal: approve it rather than propose it again.
  const left = versions.items.find((version) => version.label === label && version.status === 'proposed');
  const document = {
    ...seedProgramme,
    nameZh: `${seedProgramme.nameZh}（演示）`,
    nameEn: `${seedProgramme.nameEn} (demo)`,
    conditions: { ...seedProgramme.conditions, minRegisteredDays: 0 },
  };
  const proposed =
    left ??
    expectOk<{ id: string }>(
      'propose the demo programme',
      await api.post(
        keys.staff,
        '/v1/subsidy/programme-versions',
        {
          label,
          effectiveFrom: `${month}-01`,
          note: 'demo: the seeded proposal without the registration days',
          document,
        },
        `demo:${runTag}:programme`,
      ),
    );
  expectOk(
    'approve the demo programme',
    await api.post(
      keys.staff,
      `/v1/subsidy/programme-versions/${proposed.id}/approve`,
      { reason: 'demo' },
      `demo:${runTag}:programme-approve`,
    ),
  );
  return `${label} (approved for the demo: the seeded PROPOSAL's amounts, placeholders)`;
}

/** 信保: one policy insuring every demo firm (premiums 6,000–13,800 CNY) and two firms not on the register. */
async function insurePolicy(context: SubsidyContext): Promise<string> {
  const { api, keys, runTag, today } = context;
  const year = today.slice(0, 4);
  const cover = { coverFrom: `${year}-01-01`, coverTo: `${year}-12-31` };
  const insured = [
    ...keys.operators.map((operator) => ({
      uscc: operatorUscc(operator.index),
      name: operator.name,
      ...cover,
      premiumCny: `${6_000 + ((operator.index * 1_300) % 7_800)}.00`,
    })),
    // Listed by the insurer, never registered here: the mismatches the insurance accuracy counts.
    ...['MA0BGX001', 'MA0BGX002'].map((body, i) => ({
      uscc: uscc('91', '130684', body),
      name: `未备案投保企业${i + 1}`,
      ...cover,
      premiumCny: '5000.00',
    })),
  ];
  const policy = expectOk<{ policyNo: string; insured: { match: string }[] }>(
    'record the credit insurance policy',
    await api.post(
      keys.staff,
      '/v1/subsidy/insurance-policies',
      { insurer: '中国出口信用保险公司河北分公司', policyNo: `SINO-BG-${runTag}`, ...cover, fundShare: '0.8', insured },
      `demo:${runTag}:policy`,
    ),
  );
  const matched = policy.insured.filter((firm) => firm.match === 'matched').length;
  return `policy ${policy.policyNo}: ${policy.insured.length} insured firms, ${matched} registered and approved (${((100 * matched) / policy.insured.length).toFixed(1)}% 投保准确率)`;
}

/** A period from the month's first day to today, run by the worker; answers it with its coverage report. */
async function runPeriod(context: SubsidyContext): Promise<{ periodId: string; coverage: Coverage }> {
  const { api, keys, runTag, month, today } = context;
  const period = expectOk<{ id: string }>(
    'create the period',
    await api.post(
      keys.staff,
      '/v1/subsidy/periods',
      { label: `demo ${month} run ${runTag}`, from: `${month}-01`, to: today },
      `demo:${runTag}:period`,
    ),
  );
  expectOk(
    'run the period',
    await api.post(keys.staff, `/v1/subsidy/periods/${period.id}/runs`, {}, `demo:${runTag}:period-run`),
  );
  const deadline = Date.now() + 180_000;
  for (;;) {
    const answer = await api.get<Coverage>(keys.staff, `/v1/subsidy/periods/${period.id}/coverage`);
    if (answer.ok) return { periodId: period.id, coverage: answer.body };
    if (answer.problem.code !== 'subsidy.not_found' || Date.now() > deadline)
      throw new Error(`the period run did not report its coverage: ${answer.problem.code} ${answer.problem.detail}`);
    await sleep(500);
  }
}

function printCoverage(output: Output, coverage: Coverage) {
  const share = coverage.claimedShare === null ? '–' : `${(100 * Number(coverage.claimedShare)).toFixed(1)}%`;
  output.line(`  coverage: ${coverage.firms} firms with exports, ${coverage.claimed} claimed (${share})`);
  const reasons = new Map<string, { count: number; zh: string; en: string }>();
  for (const item of coverage.items.filter((each) => each.outcome !== 'claimed'))
    for (const reason of item.reasons) {
      const seen = reasons.get(reason.code);
      reasons.set(reason.code, { count: (seen?.count ?? 0) + 1, zh: seen?.zh ?? reason.zh, en: seen?.en ?? reason.en });
    }
  for (const [code, reason] of reasons)
    output.line(`    not claimed, ${code} × ${reason.count}: e.g. ${reason.zh} / ${reason.en}`);
}

/** Each firm confirms its claim; staff pass each in preliminary review. */
async function confirmAndReview(context: SubsidyContext, claims: readonly Claim[]) {
  const { api, keys, runTag, concurrency } = context;
  const firmKey = new Map(keys.operators.map((operator) => [operator.orgId, operator.key]));
  await inParallel(claims, concurrency, async (claim) => {
    const key = firmKey.get(claim.operatorOrgId);
    if (!key) throw new Error(`claim ${claim.id} of a firm the demo has no key for`);
    const path = `/v1/subsidy/claims/${claim.id}/events`;
    expectOk('the firm confirms', await api.post(key, path, { type: 'confirm' }, `demo:${runTag}:${claim.id}:confirm`));
    expectOk(
      'preliminary review',
      await api.post(
        keys.staff,
        path,
        { type: 'preliminaryPass', note: '资料齐全 / documents complete' },
        `demo:${runTag}:${claim.id}:preliminary`,
      ),
    );
  });
}

/** One finding per sampled line: confirmed, or the line adjusted 5 % down. */
async function recordFindings(context: SubsidyContext, task: AuditTask, adjustLineId: string | null) {
  const { api, keys, runTag } = context;
  for (const line of task.sample) {
    const finding =
      line.lineId === adjustLineId
        ? {
            lineId: line.lineId,
            outcome: 'adjusted',
            adjustedCny: cny((fen(line.amountCny) * 95n) / 100n),
            reason: '部分集装箱未见提单，核减5% / bills of lading missing for part of the line: 5% off',
          }
        : { lineId: line.lineId, outcome: 'confirmed' };
    expectOk(
      'record a finding',
      await api.post(
        keys.auditor,
        `/v1/subsidy/audit-tasks/${task.id}/findings`,
        finding,
        `demo:${runTag}:${task.id}:${line.lineId}`,
      ),
    );
  }
}

/**
 * 第三方审计: a task of every kind for the audit firm (each its own seed), a finding on every sampled
 * line, each task completed. The special audit of the payout batch goes last and adjusts one line: a
 * line's latest finding is the one that counts, so a later confirmation elsewhere would undo it.
 */
async function audit(context: SubsidyContext, periodId: string) {
  const { api, keys, runTag, output } = context;
  const me = expectOk<{ orgId: string }>('the audit firm', await api.get(keys.auditor, '/v1/me'));
  const kinds = expectOk<{ code: string; nameZh: string }[]>(
    'audit kinds',
    await api.get(keys.auditor, '/v1/subsidy/audit-kinds'),
  ).sort((a, b) => Number(a.code === 'payout_batch_special') - Number(b.code === 'payout_batch_special'));
  const seed = runTag % 2_147_483_000;
  let sampled = 0;
  let adjusted = 0;
  for (const [i, kind] of kinds.entries()) {
    const task = expectOk<AuditTask>(
      `assign a ${kind.code} audit`,
      await api.post(
        keys.staff,
        '/v1/subsidy/audit-tasks',
        { kindCode: kind.code, auditFirmOrgId: me.orgId, periodId, sampleSize: 5, seed: seed + i },
        `demo:${runTag}:audit:${kind.code}`,
      ),
    );
    sampled += task.sample.length;
    const adjust = i === kinds.length - 1 ? (task.sample.find((line) => fen(line.amountCny) > 0n) ?? null) : null;
    await recordFindings(context, task, adjust?.lineId ?? null);
    if (adjust) adjusted += 1;
    expectOk(
      'complete the audit',
      await api.post(
        keys.auditor,
        `/v1/subsidy/audit-tasks/${task.id}/complete`,
        { conclusion: `${kind.nameZh}：抽查无重大异常 / no material finding` },
        `demo:${runTag}:audit:${kind.code}:complete`,
      ),
    );
  }
  const rates = expectOk<{ items: { kindCode: string; completionRate: string | null }[] }>(
    'audit completion',
    await api.get(keys.staff, `/v1/subsidy/audit-completion?year=${context.today.slice(0, 4)}`),
  );
  const rateOf = (rate: string | null) => (rate === null ? '–' : `${(100 * Number(rate)).toFixed(0)}%`);
  output.line(
    `  audit: ${kinds.length} tasks, one of each kind, ${sampled} claim lines sampled (seeds ${seed}…${seed + kinds.length - 1}), ${adjusted} adjusted; completion ${rates.items.map((rate) => `${rate.kindCode} ${rateOf(rate.completionRate)}`).join(', ')}`,
  );
}

type Decision = { claim: Claim; approved: Claim | null; problem: Problem | null };

/**
 * Audit passed, committee approval, 公示 and approval for payment. The notice is dated back past its
 * working days so that the demo month can end today; one objection is recorded and decided before
 * approval. A refusal (budget, cap) is kept with its figures, not thrown.
 */
async function approveClaims(context: SubsidyContext, claims: readonly Claim[]): Promise<Decision[]> {
  const { api, keys, runTag, concurrency, today } = context;
  const noticeFrom = addDays(today, -14);
  return inParallel(claims, concurrency, async (claim, index): Promise<Decision> => {
    const path = `/v1/subsidy/claims/${claim.id}/events`;
    const step = (body: Record<string, unknown>, name: string) =>
      api.post<Claim>(keys.staff, path, body, `demo:${runTag}:${claim.id}:${name}`);
    expectOk('audit passed', await step({ type: 'auditPass' }, 'audit'));
    const decisionRef = `专项资金评审会 ${context.month}`;
    expectOk('committee', await step({ type: 'committeeApprove', decisionRef }, 'committee'));
    expectOk('public notice', await step({ type: 'startNotice', from: noticeFrom }, 'notice'));
    if (index === 0) await objectAndDismiss(context, claim);
    const answer = await step({ type: 'approve' }, 'approve');
    return answer.ok
      ? { claim, approved: answer.body, problem: null }
      : { claim, approved: null, problem: answer.problem };
  });
}

async function objectAndDismiss(context: SubsidyContext, claim: Claim) {
  const { api, keys, runTag } = context;
  const objected = expectOk<{ objections: { id: string }[] }>(
    'record an objection',
    await api.post(
      keys.staff,
      `/v1/subsidy/claims/${claim.id}/objections`,
      { objector: '匿名来信 / anonymous letter', reason: '出口额存疑 / export value doubted' },
      `demo:${runTag}:${claim.id}:objection`,
    ),
  );
  expectOk(
    'decide the objection',
    await api.post(
      keys.staff,
      `/v1/subsidy/objections/${objected.objections[0]!.id}/decision`,
      { decision: 'dismissed', reason: '经核查报关单与收汇属实 / declarations and FX checked' },
      `demo:${runTag}:${claim.id}:objection-decision`,
    ),
  );
}

function printDecisions(output: Output, claims: readonly Claim[], decisions: readonly Decision[]) {
  const approved = decisions.flatMap((decision) => (decision.approved ? [decision.approved] : []));
  const refused = decisions.filter((decision) => decision.problem);
  output.line(
    `  claims: ${claims.length} drafted, CNY ${total(claims.map((claim) => claim.draftedCny))} drafted in total`,
  );
  output.line(`  public notice: 1 objection recorded and dismissed before approval`);
  output.line(
    `  approved for payment: ${approved.length} claims, CNY ${total(approved.map((claim) => claim.amountCny))}${refused.length ? `; ${refused.length} refused` : ''}`,
  );
  for (const { claim, problem } of refused.slice(0, 3))
    output.line(`    refused: claim ${claim.id}: ${problem!.code} ${problem!.detail ?? ''}`);
}

export async function runSubsidyPeriod(context: SubsidyContext): Promise<SubsidyOutcome> {
  const { api, keys, output } = context;
  output.line('');
  output.line('Special fund (试点专项资金): a period of the month through audit, notice and approval for payment');
  output.line(`  programme ${await programmeInForce(context)}`);
  output.line(`  ${await insurePolicy(context)}`);
  const { periodId, coverage } = await runPeriod(context);
  printCoverage(output, coverage);
  const claims = await listAll<Claim>(api, keys.staff, `/v1/subsidy/periods/${periodId}/claims`);
  if (claims.length === 0) {
    output.line('  no claim drafted: nothing to audit or approve');
    return { periodId, approved: [] };
  }
  await confirmAndReview(context, claims);
  await audit(context, periodId);
  const decisions = await approveClaims(context, claims);
  printDecisions(output, claims, decisions);
  output.line(`  exports: /v1/subsidy/periods/${periodId}/coverage?format=csv|xlsx and …/claims?format=csv|xlsx`);
  return {
    periodId,
    approved: decisions.flatMap(({ approved }) =>
      approved ? [{ claimId: approved.id, operatorOrgId: approved.operatorOrgId, amountCny: approved.amountCny }] : [],
    ),
  };
}
