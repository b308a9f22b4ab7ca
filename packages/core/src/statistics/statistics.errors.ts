import { createErrorFactory } from '../shared/errors';

export const statisticsErrors = {
  alreadyPublished: createErrorFactory({
    code: 'statistics.already_published',
    statusCode: 409,
    title: 'The month is already published; later corrections appear as restatements',
  }),
  monthNotClosed: createErrorFactory({
    code: 'statistics.month_not_closed',
    statusCode: 422,
    title: 'Only a month that has ended (China time) can be published',
  }),
  rebuildRunning: createErrorFactory({
    code: 'statistics.rebuild_running',
    statusCode: 409,
    title: 'A rebuild of the statistics is already running',
  }),
  notPublished: createErrorFactory({
    code: 'statistics.not_published',
    statusCode: 404,
    title: 'The month has not been published',
  }),
};
