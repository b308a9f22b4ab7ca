import {
  MatchCorrectionRequest,
  MatchCorrectionView,
  MatchRecordView,
  MatchRequest,
  MatchResponse,
  ReplayView,
  type PriceLibraryService,
  type Role,
} from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../../http/problem';
import { principalOf, type App } from '../../http/types';

/** The roles that submit goods lines, and staff who review them. */
const MATCHERS: readonly Role[] = ['operator', 'staff'];
const IdParams = z.strictObject({ id: z.uuid() });
const STAFF: readonly Role[] = ['staff'];
/** 1,000 lines of 500-character Chinese titles with prices run to about 1.6 MB: more than the default limit. */
const MATCH_BODY_LIMIT_BYTES = 4 * 1024 * 1024;

/** Matching goods lines to the library with a price check; every answer is stored and replayable. */
export function matchRoutes(app: App, { priceLibrary }: { priceLibrary: PriceLibraryService }) {
  app.post(
    '/v1/price-library/match',
    {
      bodyLimit: MATCH_BODY_LIMIT_BYTES,
      config: { roles: MATCHERS },
      schema: {
        tags: ['price-library'],
        summary: 'Match up to 1,000 goods lines to product types (candidates best first) and check their prices',
        body: MatchRequest,
        response: { 201: MatchResponse, ...authProblems, ...problems(413, 415, 422, 503) },
      },
    },
    async (request, reply) => reply.code(201).send(await priceLibrary.match(principalOf(request), request.body.items)),
  );

  app.get(
    '/v1/price-library/matches/:id',
    {
      config: { roles: MATCHERS },
      schema: {
        tags: ['price-library'],
        summary: 'A stored match, with the version it used (your own organisation’s; staff see all)',
        params: IdParams,
        response: { 200: MatchRecordView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => priceLibrary.getMatch(principalOf(request), request.params.id),
  );

  app.post(
    '/v1/price-library/matches/:id/replay',
    {
      config: { roles: MATCHERS },
      schema: {
        tags: ['price-library'],
        summary: 'Recompute a stored match with the version it recorded and compare it with the stored answer',
        params: IdParams,
        response: { 200: ReplayView, ...authProblems, ...problems(404) },
      },
    },
    async (request) => priceLibrary.replay(principalOf(request), request.params.id),
  );

  app.post(
    '/v1/price-library/matches/:id/corrections',
    {
      config: { roles: STAFF },
      schema: {
        tags: ['price-library'],
        summary:
          'Staff (review): record the HS code a stored match should have had; kept as history and learnt only through an approved alias proposal',
        params: IdParams,
        body: MatchCorrectionRequest,
        response: { 200: MatchCorrectionView, ...authProblems, ...problems(404, 413, 415, 422) },
      },
    },
    async (request) => priceLibrary.correctMatch(principalOf(request), request.params.id, request.body),
  );
}
