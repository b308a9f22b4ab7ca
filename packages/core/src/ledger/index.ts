export { ledgerErrors } from './ledger.errors';
export * from './ledger.models';
export * from './ledger.service';
export { createTransfer, type TransferOutcome } from './ledger.transfers';
export * from './ledger.verify';
export { fundYearFigures, ledgerAsStatisticsFund } from './ledger.fund-figures';
