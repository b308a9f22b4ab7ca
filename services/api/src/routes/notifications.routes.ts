import { PageQuery, type NotificationRow, type NotificationsService, type Role } from '@baigou/core';
import { z } from 'zod';
import { authProblems, problems } from '../http/problem';
import { principalOf, type App } from '../http/types';

/** The inbox carries business notices (a restated month); admin keys run the platform and have none. */
const EVERYONE: readonly Role[] = ['operator', 'customs', 'staff', 'auditor'];

const Notification = z.object({
  id: z.uuid(),
  kind: z.string(),
  subjectType: z.string(),
  subjectId: z.uuid(),
  message: z.string(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime(),
  readAt: z.iso.datetime().nullable(),
});

const view = (row: NotificationRow): z.infer<typeof Notification> => ({
  id: row.id,
  kind: row.kind,
  subjectType: row.subjectType,
  subjectId: row.subjectId,
  message: row.message,
  data: row.data,
  createdAt: row.createdAt.toISOString(),
  readAt: row.readAt?.toISOString() ?? null,
});

/** The calling organisation's inbox (registration decisions, and later other events addressed to it). */
export function notificationsRoutes(app: App, { notifications }: { notifications: NotificationsService }) {
  app.get(
    '/v1/notifications',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['notifications'],
        summary: "Your organisation's notifications, oldest first",
        querystring: PageQuery,
        response: {
          200: z.object({ items: z.array(Notification), nextCursor: z.string().nullable() }),
          ...authProblems,
        },
      },
    },
    async (request) => {
      const page = await notifications.list(principalOf(request).orgId, request.query);
      return { items: page.items.map(view), nextCursor: page.nextCursor };
    },
  );

  app.post(
    '/v1/notifications/:id/read',
    {
      config: { roles: EVERYONE },
      schema: {
        tags: ['notifications'],
        summary: 'Mark a notification read (the first read time is kept)',
        params: z.strictObject({ id: z.uuid() }),
        response: { 200: Notification, ...authProblems, ...problems(404) },
      },
    },
    async (request) => view(await notifications.markRead(principalOf(request).orgId, request.params.id)),
  );
}
