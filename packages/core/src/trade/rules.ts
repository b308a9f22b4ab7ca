/**
 * Pure trade rules: simplified declaration, USD value cap and split, container numbers and the
 * declaration lifecycle. No I/O; the services in this folder build on them. The decimal helpers
 * of value-cap.ts stay out of the barrel so they cannot clash with other modules' helpers.
 */
export * from './consolidations/containers';
export * from './declarations/declaration-lifecycle';
export * from './declarations/declaration.models';
export {
  checkValueCap,
  proposeSplit,
  toUsd,
  USD_VALUE_CAP,
  type CnyPerUnitRates,
  type SplitGroup,
  type SplitProposal,
  type UsdConversion,
  type ValueCapCheck,
} from './declarations/value-cap';
