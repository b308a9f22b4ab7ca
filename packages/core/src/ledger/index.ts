export { ledgerErrors } from './ledger.errors';
export * from './ledger.models';
export * from './ledger.service';
export { createTransfer, type TransferOutcome } from './ledger.transfers';
export * from './ledger.verify';
export { ledgerAsStatisticsFund } from './ledger.statistics-balances';
