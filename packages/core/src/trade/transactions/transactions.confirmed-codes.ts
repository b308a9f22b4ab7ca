import type { Db } from '@baigou/db';
import type { ConfirmedCode } from '../../price-library/price-library.learning';
import type { ConfirmedCodes } from '../../price-library/price-library.ports';
import * as repository from './transactions.repository';

const topHs8 = (candidates: readonly unknown[]): string | undefined => {
  const top = candidates[0] as { hsCode?: unknown } | undefined;
  return typeof top?.hsCode === 'string' ? top.hsCode.slice(0, 8) : undefined;
};

/**
 * The price library's ConfirmedCodes port, implemented where the lines live: every declared line
 * of a transaction not rejected is a confirmation; it was FIXED by hand when the matcher abstained
 * (the line has no matched product type) or its best candidate has another code.
 */
export function createConfirmedCodes({ db }: { db: Db }): ConfirmedCodes {
  return {
    async confirmedCodes(): Promise<ConfirmedCode[]> {
      const lines = await repository.findDeclaredLines(db);
      return lines.flatMap((line) =>
        line.hsCode
          ? [
              {
                description: line.description,
                hsCode: line.hsCode,
                source: 'declared' as const,
                fixed: !line.productTypeCode || topHs8(line.candidates) !== line.hsCode.slice(0, 8),
              },
            ]
          : [],
      );
    },
  };
}
