import type { Db } from '@baigou/db';
import { sql } from 'drizzle-orm';
import { buildBundle } from '../provenance/bundle';
import { signBytes } from '../provenance/checkpoint';
import { fromHex } from '../provenance/merkle';
import type { ProvenanceLog, ProvenanceSigner } from '../provenance/provenance.log';
import { claimView } from './subsidy.views';
import { subsidyErrors } from './subsidy.errors';
import type { SubsidyTradeFacts } from './subsidy.ports';
import { subsidyClaims } from '@baigou/db';
import { eq } from 'drizzle-orm';

/**
 * 审计证据包 of one claim, on the customs evidence bundle: the claim's own events, and those of the
 * declarations, consolidations and policies behind its lines, each with its inclusion proof against
 * one signed checkpoint, plus the claim as JSON. `pnpm cli verify-bundle` checks it offline.
 */
export function createEvidence({
  db,
  trade,
  log,
  signer,
}: {
  db: Db;
  trade: SubsidyTradeFacts;
  log: ProvenanceLog;
  signer: ProvenanceSigner;
}) {
  return async function claimBundle(claimId: string) {
    const [claim] = await db.select().from(subsidyClaims).where(eq(subsidyClaims.id, claimId));
    if (!claim) throw subsidyErrors.notFound({ detail: `no subsidy claim ${claimId}` });
    const view = await claimView(db, trade, claim);
    const checkpoint = await log.sequenceAndCheckpoint();
    if (!checkpoint) throw new Error('the provenance log is empty');
    const subjects = [
      claimId,
      ...view.lines.flatMap((line) =>
        line.sources.flatMap((source) => (source.kind === 'container' ? [source.id.split(':')[0]!] : [source.id])),
      ),
    ];
    const { rows } = await db.execute<{ canonical: Buffer; leaf_index: string }>(sql`
      select e.canonical, l.leaf_index from provenance_events e join provenance_leaves l on l.event_id = e.id
      where e.subject_id::text = any(${sql.param([...new Set(subjects)])}::text[]) and l.leaf_index < ${checkpoint.treeSize}
      order by l.leaf_index`);
    const proofs = await log.inclusionProofs(
      rows.map((row) => Number(row.leaf_index)),
      checkpoint.treeSize,
    );
    const zip = buildBundle({
      events: rows.map((row) => ({
        leafIndex: Number(row.leaf_index),
        canonical: Buffer.from(row.canonical),
        proof: proofs.get(Number(row.leaf_index))!.hashes.map(fromHex),
      })),
      checkpoint,
      publicKeyRaw: signer.publicKeyRaw,
      attachments: [{ path: 'claim.json', bytes: Buffer.from(`${JSON.stringify(view, null, 2)}\n`) }],
      subject: { kind: 'subsidy_claim', id: claimId, label: `专项资金申领 ${claimId}` },
      sign: (bytes) => signBytes(bytes, signer.privateKey),
    });
    return { claimId, zip };
  };
}
