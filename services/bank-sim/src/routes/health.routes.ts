import type { FastifyInstance } from 'fastify';
import type { FaultDice } from '../faults';
import type { PaymentLedger } from '../ledger';

export function healthRoutes(app: FastifyInstance, { ledger, dice }: { ledger: PaymentLedger; dice: FaultDice }): void {
  app.get('/healthz', async () => ({ status: 'ok', payments: ledger.all().length, seed: dice.state().seed }));
}
