import { BankFaultsPatch } from '@baigou/bank-protocol';
import type { FastifyInstance } from 'fastify';
import { z } from 'zod';
import type { FaultDice } from '../faults';
import type { Gateway } from '../gateway';
import { parseOrThrow } from '../http';
import { paymentState } from '../ledger';

export interface AdminRoutesDependencies {
  gateway: Gateway;
  dice: FaultDice;
}

/**
 * Test controls, not part of a real gateway: change the run's faults (and reseed) between steps, and
 * book a reversal of a paid payment (the payee bank returned the money), which shows on the statement.
 */
export function adminRoutes(app: FastifyInstance, { gateway, dice }: AdminRoutesDependencies): void {
  app.get('/admin/faults', async () => dice.state());

  app.post('/admin/faults', async (request) => {
    const patch = parseOrThrow(BankFaultsPatch, request.body, 'body');
    const state = dice.update(patch);
    request.log.info(state, 'faults changed');
    return state;
  });

  app.post('/admin/instructions/:instructionId/reverse', async (request) => {
    const { instructionId } = parseOrThrow(z.object({ instructionId: z.string() }), request.params, 'params');
    const { reason } = parseOrThrow(z.strictObject({ reason: z.string().min(1).max(140) }), request.body, 'body');
    return paymentState(gateway.reverse(instructionId, reason));
  });
}
