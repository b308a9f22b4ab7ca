import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import { gatewayErrors } from '../errors';
import { parseOrThrow } from '../http';
import type { PaymentLedger } from '../ledger';
import { buildStatement, statementCsv } from '../statements';

const StatementQuery = z
  .strictObject({
    date: z.iso.date().optional(),
    from: z.iso.date().optional(),
    to: z.iso.date().optional(),
    format: z.enum(['json', 'csv']).optional(),
  })
  .refine((query) => (query.date !== undefined) !== (query.from !== undefined && query.to !== undefined), {
    message: 'give either date or both from and to',
    path: ['date'],
  });

const maxDays = 31;

/** `GET /statements?date=YYYY-MM-DD` or `?from=…&to=…` (at most 31 days), as JSON or CSV (`format=csv` or `Accept: text/csv`). */
export function statementRoutes(app: FastifyInstance, { ledger }: { ledger: PaymentLedger }): void {
  app.get('/statements', async (request, reply) => {
    const query = parseOrThrow(StatementQuery, request.query, 'query');
    const from = query.date ?? query.from!;
    const to = query.date ?? query.to!;
    const days = (Date.parse(to) - Date.parse(from)) / 86_400_000;
    if (days < 0 || days >= maxDays) throw gatewayErrors.rangeTooLong(`${from} … ${to}`);
    const statement = buildStatement(ledger.all(), from, to);
    const wantsCsv = query.format === 'csv' || (query.format === undefined && request.headers.accept === 'text/csv');
    if (!wantsCsv) return statement;
    return reply
      .type('text/csv; charset=utf-8')
      .header('content-disposition', `attachment; filename="statement-${from}-${to}.csv"`)
      .send(statementCsv(statement));
  });
}
