import { InstructionRequest, type BankFaults } from '@baigou/bank-protocol';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { z } from 'zod';
import { gatewayErrors } from '../errors';
import type { FaultDice } from '../faults';
import type { Gateway } from '../gateway';
import { parseOrThrow } from '../http';
import { paymentState } from '../ledger';

export interface InstructionRoutesDependencies {
  gateway: Gateway;
  dice: FaultDice;
}

/**
 * `POST /instructions`: 202 with the payment when it is new, 200 with `idempotent-replayed: true` and
 * the payment's current state when the same id and parameters come again, 422 when the id is known
 * with other parameters or the payee account is refused. Faults answer 503 before recording, 500
 * after recording, or no answer at all after recording (the payment still goes ahead).
 */
export function instructionRoutes(app: FastifyInstance, { gateway, dice }: InstructionRoutesDependencies): void {
  app.post('/instructions', async (request, reply) => {
    const body = parseOrThrow(InstructionRequest, request.body, 'body');
    if (dice.roll('error5xxBeforeRecord')) {
      request.log.info({ instructionId: body.instructionId }, 'fault: 5xx before recording');
      throw gatewayErrors.unavailable();
    }
    const { created, payment } = gateway.submit(body);
    if (dice.roll('error5xxAfterRecord')) {
      request.log.info({ instructionId: body.instructionId }, 'fault: 5xx after recording');
      throw gatewayErrors.internal();
    }
    if (dice.roll('timeoutAfterPay')) {
      request.log.info({ instructionId: body.instructionId, mode: dice.faults.timeoutMode }, 'fault: no answer');
      return withholdAnswer(request, reply, dice.faults);
    }
    return reply
      .code(created ? 202 : 200)
      .header('idempotent-replayed', String(!created))
      .send(paymentState(payment));
  });

  app.get('/instructions/:instructionId', async (request) => {
    const { instructionId } = parseOrThrow(z.object({ instructionId: z.string() }), request.params, 'params');
    return paymentState(gateway.get(instructionId));
  });
}

/** Takes the response away from Fastify and drops the connection, at once or after `hangMs`. */
function withholdAnswer(request: FastifyRequest, reply: FastifyReply, faults: BankFaults): FastifyReply {
  reply.hijack();
  const drop = () => request.raw.socket.destroy();
  if (faults.timeoutMode === 'drop') drop();
  else setTimeout(drop, faults.hangMs).unref();
  return reply;
}
