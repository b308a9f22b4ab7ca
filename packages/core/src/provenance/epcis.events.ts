/**
 * 溯源事件 as GS1 EPCIS 2.0 events (what, when, where, why). Each builder answers what a state change
 * means in EPCIS terms; `recordEvents` (provenance.events.ts) canonicalises and stores it in the same
 * database transaction as the change.
 *
 *   party registration      ObjectEvent OBSERVE  (an operator, merchant or purchaser registered, and each decision on it)
 *   transaction recorded    ObjectEvent ADD      (its goods lines as classes with quantities, seller → buyer,
 *                                                 documents by SHA-256, each line's price check)
 *   transaction reviewed    ObjectEvent OBSERVE
 *   consolidation           AggregationEvent ADD (goods packed into each container, packing-list totals)
 *   declaration             TransactionEvent ADD (declared lines with their source lines: the merged-line mapping)
 *   customs status          TransactionEvent OBSERVE (accepted with entry number, released, exported, …)
 *   FX receipt / allocation TransactionEvent ADD (the receipt, and the receipt linked to what it pays)
 *
 * Identifiers are URNs in the platform's namespace (`urn:baigou-mpt:<kind>:<uuid>`); platform-specific
 * facts sit in `mpt:` extension fields, declared in each event's JSON-LD context. Empty arrays and
 * objects are kept as they are: they are part of what is hashed.
 */

export const EPCIS_CONTEXT = 'https://ref.gs1.org/standards/epcis/2.0.0/epcis-context.jsonld';
export const MPT_NAMESPACE = 'urn:baigou-mpt:';
export const MPT_CONTEXT = { mpt: 'urn:baigou-mpt:ns:' } as const;
/** China Standard Time: the platform records events in the pilot's time zone. */
const TIME_ZONE_OFFSET = '+08:00';

export type SubjectKind =
  | 'operator'
  | 'merchant'
  | 'purchaser'
  | 'transaction'
  | 'consolidation'
  | 'declaration'
  | 'fx_receipt'
  | SubsidySubjectKind
  | PayoutSubjectKind;
/** The special fund's records (subsidy/subsidy.events.ts). */
export type SubsidySubjectKind =
  'subsidy_programme' | 'insurance_policy' | 'subsidy_run' | 'subsidy_claim' | 'audit_task';
/** The fund's payments and ledger transfers (payout/payout.events.ts). */
export type PayoutSubjectKind = 'payout_payment' | 'payout_payee' | 'ledger_transfer' | 'payout_reconciliation';
export type EpcisEventType = 'ObjectEvent' | 'AggregationEvent' | 'TransactionEvent';
type Json = string | number | boolean | null | Json[] | { [key: string]: Json };
export type EpcisEvent = { type: EpcisEventType; eventTime: string; eventTimeZoneOffset: string } & {
  [key: string]: Json;
};

export interface ProvenanceEventInput {
  /** What happened, in the platform's words: `transaction.recorded`, `declaration.released`, … */
  action: string;
  subject: { kind: SubjectKind; id: string };
  /** Every other platform id the event concerns (parties, transactions, containers' consolidation, …): trace queries find it by these. */
  related: readonly string[];
  /** The EPCIS event without `eventID` and `@context`: recordEvents adds both. */
  event: EpcisEvent;
}

export const urn = (kind: string, id: string) => `${MPT_NAMESPACE}${kind}:${id}`;
export const bizStep = (name: string) => `${MPT_NAMESPACE}bizstep:${name}`;
const disposition = (name: string) => `${MPT_NAMESPACE}disp:${name}`;
const bizTransactionType = (name: string) => `${MPT_NAMESPACE}btt:${name}`;
const goodsClass = (lineId: string) => urn('goods', lineId);
const readPoint = { id: urn('location', 'baigou-market') };

/** RFC 3339 in China time, milliseconds kept: `2026-11-26T21:25:46.123+08:00`. */
export function chinaTime(at: Date): string {
  const shifted = new Date(at.getTime() + 8 * 3_600_000).toISOString();
  return `${shifted.slice(0, -1)}${TIME_ZONE_OFFSET}`;
}

const when = (at: Date) => ({ eventTime: chinaTime(at), eventTimeZoneOffset: TIME_ZONE_OFFSET });
const n = (value: string | number) => Number(value);
const uniq = (ids: readonly (string | null | undefined)[]) => [
  ...new Set(ids.filter((id): id is string => typeof id === 'string')),
];

// --- registrations (主体备案) ---------------------------------------------------------------------

export interface PartyRegistrationFacts {
  type: 'operator' | 'merchant' | 'purchaser';
  id: string;
  name: string;
  /** USCC, resident ID number masked, or passport: whatever the register keys the party by. */
  identifier: string | null;
  /** null when the party is first registered. */
  fromStatus: string | null;
  toStatus: string;
  reason: string | null;
  /** The registering operator, or the staff organisation deciding. */
  actorOrgId: string;
  at: Date;
}

/** A party registered (status submitted) or decided on (approved, rejected, suspended, …). */
export function partyRegistrationEvent(facts: PartyRegistrationFacts): ProvenanceEventInput {
  return {
    action: `${facts.type}.${facts.toStatus}`,
    subject: { kind: facts.type, id: facts.id },
    related: [facts.actorOrgId],
    event: {
      type: 'ObjectEvent',
      ...when(facts.at),
      epcList: [urn(facts.type, facts.id)],
      action: 'OBSERVE',
      bizStep: bizStep('registration'),
      disposition: disposition(facts.toStatus),
      readPoint,
      'mpt:registration': {
        partyType: facts.type,
        name: facts.name,
        identifier: facts.identifier,
        fromStatus: facts.fromStatus,
        toStatus: facts.toStatus,
        reason: facts.reason,
        actor: urn('org', facts.actorOrgId),
      },
    },
  };
}

// --- transactions -----------------------------------------------------------------------------

export interface TransactionFacts {
  id: string;
  tradingNo: string;
  operatorOrgId: string;
  merchantId: string;
  purchaserId: string;
  tradeDate: string;
  settlementMethod: string;
  currency: string;
  totalAmount: string;
  status: string;
  remark: string | null;
  createdAt: Date;
}
export interface TransactionLineFacts {
  id: string;
  lineNo: number;
  description: string;
  spec?: string | null | undefined;
  quantity: string;
  unit: string;
  unitPrice: string;
  amount: string;
  hsCode?: string | null | undefined;
  hsCodeSource?: string | null | undefined;
  productTypeCode?: string | null | undefined;
  priceCheck: Record<string, unknown>;
  priceLibraryVersionId: string;
  remark?: string | null | undefined;
}
export interface DocumentFacts {
  sha256: string;
  filename: string;
  kind: string;
}

/** One ObjectEvent per recorded transaction (交易登记): the goods come into being as export goods of that sale. */
export function transactionRecordedEvents(
  items: readonly {
    transaction: TransactionFacts;
    lines: readonly TransactionLineFacts[];
    documents: readonly DocumentFacts[];
  }[],
): ProvenanceEventInput[] {
  return items.map(({ transaction: t, lines, documents }) => ({
    action: 'transaction.recorded',
    subject: { kind: 'transaction', id: t.id },
    related: uniq([t.operatorOrgId, t.merchantId, t.purchaserId, ...lines.map((line) => line.id)]),
    event: {
      type: 'ObjectEvent',
      ...when(t.createdAt),
      quantityList: lines.map((line) => ({ epcClass: goodsClass(line.id), quantity: n(line.quantity) })),
      action: 'ADD',
      bizStep: bizStep('trade_registration'),
      disposition: disposition(t.status),
      readPoint,
      bizTransactionList: [{ type: 'inv', bizTransaction: urn('transaction', t.id) }],
      sourceList: [{ type: 'owning_party', source: urn('merchant', t.merchantId) }],
      destinationList: [{ type: 'owning_party', destination: urn('purchaser', t.purchaserId) }],
      'mpt:transaction': {
        tradingNo: t.tradingNo,
        operator: urn('org', t.operatorOrgId),
        tradeDate: t.tradeDate,
        settlementMethod: t.settlementMethod,
        currency: t.currency,
        totalAmount: t.totalAmount,
        status: t.status,
        remark: t.remark,
        documents: documents.map((document) => ({
          sha256: document.sha256,
          filename: document.filename,
          kind: document.kind,
        })),
        lines: lines.map((line) => ({
          lineNo: line.lineNo,
          goods: goodsClass(line.id),
          description: line.description,
          spec: line.spec ?? null,
          quantity: line.quantity,
          unit: line.unit,
          unitPrice: line.unitPrice,
          amount: line.amount,
          hsCode: line.hsCode ?? null,
          hsCodeSource: line.hsCodeSource ?? null,
          productType: line.productTypeCode ?? null,
          priceLibraryVersion: line.priceLibraryVersionId,
          priceCheck: line.priceCheck as Json,
          remark: line.remark ?? null,
        })),
      },
    },
  }));
}

/** Staff's review of a transaction held for a hard-band price deviation (人工复核). */
export function transactionReviewedEvent(facts: {
  transaction: Pick<TransactionFacts, 'id' | 'tradingNo' | 'operatorOrgId' | 'merchantId' | 'purchaserId'>;
  fromStatus: string;
  toStatus: string;
  reason: string;
  reviewerOrgId: string;
  at: Date;
}): ProvenanceEventInput {
  const t = facts.transaction;
  return {
    action: `transaction.${facts.toStatus === 'submitted' ? 'review_approved' : 'review_rejected'}`,
    subject: { kind: 'transaction', id: t.id },
    related: uniq([t.operatorOrgId, t.merchantId, t.purchaserId, facts.reviewerOrgId]),
    event: {
      type: 'ObjectEvent',
      ...when(facts.at),
      epcList: [urn('transaction', t.id)],
      action: 'OBSERVE',
      bizStep: bizStep('price_review'),
      disposition: disposition(facts.toStatus),
      readPoint,
      'mpt:review': {
        tradingNo: t.tradingNo,
        fromStatus: facts.fromStatus,
        toStatus: facts.toStatus,
        reason: facts.reason,
        reviewer: urn('org', facts.reviewerOrgId),
      },
    },
  };
}

// --- consolidations ---------------------------------------------------------------------------

export interface ConsolidationFacts {
  id: string;
  operatorOrgId: string;
  destinationCountry: string;
  transportMode: string;
  chinaEuropeRail: boolean;
  exitPort: string;
  /** Packing-list totals; `value` per currency. */
  totals: { cartons: number; grossWeightKg: string; netWeightKg: string; value: Record<string, string> };
  members: readonly {
    transactionId: string;
    tradingNo: string;
    merchantId: string;
    purchaserId: string;
    cartons: number;
    grossWeightKg: string;
    netWeightKg: string;
  }[];
  lines: readonly { id: string; transactionId: string; quantity: string }[];
  containers: readonly { number: string; type: string; sealNo: string }[];
  at: Date;
}

/** 组货装箱: one AggregationEvent per container, its parent the container (ISO 6346), its children the goods. */
export function consolidationEvents(facts: ConsolidationFacts): ProvenanceEventInput[] {
  const related = uniq([
    facts.operatorOrgId,
    ...facts.members.flatMap((member) => [member.transactionId, member.merchantId, member.purchaserId]),
    ...facts.lines.map((line) => line.id),
  ]);
  const packingList = {
    consolidation: urn('consolidation', facts.id),
    destinationCountry: facts.destinationCountry,
    transportMode: facts.transportMode,
    chinaEuropeRail: facts.chinaEuropeRail,
    exitPort: facts.exitPort,
    totals: facts.totals,
    containers: facts.containers.map((container) => ({
      number: container.number,
      type: container.type,
      sealNo: container.sealNo,
    })),
    transactions: facts.members.map((member) => ({
      transaction: urn('transaction', member.transactionId),
      tradingNo: member.tradingNo,
      cartons: member.cartons,
      grossWeightKg: member.grossWeightKg,
      netWeightKg: member.netWeightKg,
    })),
  };
  return facts.containers.map((container, position) => ({
    action: 'consolidation.packed',
    subject: { kind: 'consolidation', id: facts.id },
    related,
    event: {
      type: 'AggregationEvent',
      ...when(facts.at),
      parentID: urn('container', container.number),
      childQuantityList: facts.lines.map((line) => ({ epcClass: goodsClass(line.id), quantity: n(line.quantity) })),
      action: 'ADD',
      bizStep: 'packing',
      disposition: 'container_closed',
      readPoint,
      bizTransactionList: facts.members.map((member) => ({
        type: 'inv',
        bizTransaction: urn('transaction', member.transactionId),
      })),
      'mpt:container': { position, number: container.number, type: container.type, sealNo: container.sealNo },
      'mpt:packingList': packingList,
    },
  }));
}

// --- declarations -----------------------------------------------------------------------------

export interface DeclarationFacts {
  id: string;
  operatorOrgId: string;
  consolidationId: string;
  simplified: boolean;
  currency: string;
  totalValue: string;
  totalValueUsd: string;
  month: string;
  transactionIds: readonly string[];
  partyIds: readonly string[];
  lines: readonly {
    lineNo: number;
    hsCode: string;
    name: string;
    quantity: string;
    unit: string;
    value: string;
    valueUsd: string;
    merged: boolean;
    sourceLineIds: readonly string[];
  }[];
  at: Date;
}

const declarationTransaction = (id: string) => ({
  type: bizTransactionType('customs_declaration_1039'),
  bizTransaction: urn('declaration', id),
});

/** 报关单 assembled: the declared lines and, for each, the transaction lines behind it. */
export function declarationCreatedEvent(facts: DeclarationFacts): ProvenanceEventInput {
  return {
    action: 'declaration.created',
    subject: { kind: 'declaration', id: facts.id },
    related: uniq([facts.operatorOrgId, facts.consolidationId, ...facts.transactionIds, ...facts.partyIds]),
    event: {
      type: 'TransactionEvent',
      ...when(facts.at),
      bizTransactionList: [
        declarationTransaction(facts.id),
        { type: bizTransactionType('consolidation'), bizTransaction: urn('consolidation', facts.consolidationId) },
      ],
      quantityList: facts.lines.flatMap((line) =>
        line.sourceLineIds.map((lineId) => ({ epcClass: goodsClass(lineId) })),
      ),
      action: 'ADD',
      bizStep: bizStep('customs_declaration'),
      disposition: disposition('draft'),
      readPoint,
      'mpt:declaration': {
        supervisionMode: '1039',
        operator: urn('org', facts.operatorOrgId),
        simplified: facts.simplified,
        month: facts.month,
        currency: facts.currency,
        totalValue: facts.totalValue,
        totalValueUsd: facts.totalValueUsd,
        lines: facts.lines.map((line) => ({
          lineNo: line.lineNo,
          hsCode: line.hsCode,
          name: line.name,
          quantity: line.quantity,
          unit: line.unit,
          value: line.value,
          valueUsd: line.valueUsd,
          merged: line.merged,
          sourceLines: line.sourceLineIds.map(goodsClass),
        })),
      },
    },
  };
}

/** A step of the declaration's life: submitted, accepted (with the customs entry number), released, exported, rejected, withdrawn. */
export function declarationStatusEvent(facts: {
  declarationId: string;
  operatorOrgId: string;
  fromStatus: string;
  toStatus: string;
  detail: Record<string, string | null>;
  actorOrgId: string;
  at: Date;
}): ProvenanceEventInput {
  const step: Record<string, string> = { released: 'departing', exported: 'departing' };
  return {
    action: `declaration.${facts.toStatus}`,
    subject: { kind: 'declaration', id: facts.declarationId },
    related: uniq([facts.operatorOrgId, facts.actorOrgId]),
    event: {
      type: 'TransactionEvent',
      ...when(facts.at),
      bizTransactionList: [declarationTransaction(facts.declarationId)],
      epcList: [],
      action: 'OBSERVE',
      bizStep: step[facts.toStatus] ?? bizStep(`customs_${facts.toStatus}`),
      disposition: disposition(facts.toStatus),
      readPoint,
      'mpt:customsStatus': {
        fromStatus: facts.fromStatus,
        toStatus: facts.toStatus,
        actor: urn('org', facts.actorOrgId),
        ...facts.detail,
      },
    },
  };
}

// --- FX ---------------------------------------------------------------------------------------

export interface FxReceiptFacts {
  id: string;
  operatorOrgId: string;
  bankName: string;
  bankReference: string;
  payerName: string;
  payerCountry: string;
  payerPurchaserId: string | null;
  currency: string;
  amount: string;
  valueDate: string;
  agencyReceipt: boolean;
  merchantId: string | null;
  flags: readonly string[];
  at: Date;
}

const receiptTransaction = (id: string) => ({
  type: bizTransactionType('fx_receipt'),
  bizTransaction: urn('fx-receipt', id),
});

/** 收汇: money in from the buyer (or a third party), through a bank. */
export function fxReceiptEvent(facts: FxReceiptFacts): ProvenanceEventInput {
  return {
    action: 'fx_receipt.recorded',
    subject: { kind: 'fx_receipt', id: facts.id },
    related: uniq([facts.operatorOrgId, facts.payerPurchaserId, facts.merchantId]),
    event: {
      type: 'TransactionEvent',
      ...when(facts.at),
      bizTransactionList: [receiptTransaction(facts.id)],
      epcList: [],
      action: 'ADD',
      bizStep: bizStep('fx_receipt'),
      readPoint,
      'mpt:fxReceipt': {
        bank: facts.bankName,
        bankReference: facts.bankReference,
        payerName: facts.payerName,
        payerCountry: facts.payerCountry,
        payer: facts.payerPurchaserId ? urn('purchaser', facts.payerPurchaserId) : null,
        currency: facts.currency,
        amount: facts.amount,
        valueDate: facts.valueDate,
        agencyReceipt: facts.agencyReceipt,
        merchant: facts.merchantId ? urn('merchant', facts.merchantId) : null,
        flags: [...facts.flags],
      },
    },
  };
}

/** 收汇核销: part of a receipt matched to a declaration or a transaction (no amount is used twice). */
export function fxAllocationEvent(facts: {
  allocationId: string;
  receiptId: string;
  operatorOrgId: string;
  target: { kind: 'declaration' | 'transaction'; id: string };
  currency: string;
  amount: string;
  flags: readonly string[];
  at: Date;
}): ProvenanceEventInput {
  return {
    action: 'fx_receipt.allocated',
    subject: { kind: 'fx_receipt', id: facts.receiptId },
    related: [facts.operatorOrgId, facts.target.id, facts.allocationId],
    event: {
      type: 'TransactionEvent',
      ...when(facts.at),
      bizTransactionList: [
        receiptTransaction(facts.receiptId),
        facts.target.kind === 'declaration'
          ? declarationTransaction(facts.target.id)
          : { type: 'inv', bizTransaction: urn('transaction', facts.target.id) },
      ],
      epcList: [],
      action: 'ADD',
      bizStep: bizStep('fx_allocation'),
      readPoint,
      'mpt:fxAllocation': {
        allocation: urn('fx-allocation', facts.allocationId),
        currency: facts.currency,
        amount: facts.amount,
        flags: [...facts.flags],
      },
    },
  };
}

/**
 * A record the service center itself keeps (the special fund's and the payout workflow's state
 * changes) as an EPCIS ObjectEvent (OBSERVE) at the center, its facts under `mpt:<context>`, its
 * business step `<context>-<last part of the action>`.
 */
export function centerObservation<Kind extends SubjectKind>(
  context: 'subsidy' | 'payout',
  facts: {
    kind: Kind;
    id: string;
    action: string;
    related: readonly string[];
    actorOrgId: string | null;
    at: Date;
    detail: { [key: string]: Json };
  },
): ProvenanceEventInput {
  return {
    action: facts.action,
    subject: { kind: facts.kind, id: facts.id },
    related: [...new Set([...facts.related, ...(facts.actorOrgId ? [facts.actorOrgId] : [])])],
    event: {
      type: 'ObjectEvent',
      eventTime: chinaTime(facts.at),
      eventTimeZoneOffset: '+08:00',
      epcList: [urn(facts.kind, facts.id)],
      action: 'OBSERVE',
      bizStep: bizStep(`${context}-${facts.action.split('.').at(-1) ?? 'record'}`),
      readPoint: { id: urn('location', 'baigou-trade-service-center') },
      [`mpt:${context}`]: { ...facts.detail, actor: facts.actorOrgId ? urn('org', facts.actorOrgId) : null },
    },
  };
}
