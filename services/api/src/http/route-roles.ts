import { roles, type Role } from '@baigou/core';

/** One /v1 route and the roles it declares: the single source of truth for who may call what. */
export interface RouteRoles {
  method: string;
  /** OpenAPI-style path, e.g. `/v1/merchants/{id}`. */
  path: string;
  roles: readonly Role[];
}

export const ROUTE_ROLES_START = '<!-- route-roles:start -->';
export const ROUTE_ROLES_END = '<!-- route-roles:end -->';

/**
 * The README's table of who may call what, written from the routes' own declarations, so the documentation
 * cannot drift from the code (`test/api/authorization.int.test.ts` compares them and drives every cell).
 */
export function routeRolesMarkdown(routes: readonly RouteRoles[]): string {
  const sorted = [...routes].sort((a, b) => a.path.localeCompare(b.path) || a.method.localeCompare(b.method));
  const header = `| route | ${roles.join(' | ')} |`;
  const rule = `| --- | ${roles.map(() => ':-:').join(' | ')} |`;
  const rows = sorted.map(
    (route) =>
      `| \`${route.method} ${route.path}\` | ${roles.map((role) => (route.roles.includes(role) ? '✓' : '')).join(' | ')} |`,
  );
  return [header, rule, ...rows].join('\n');
}

/** The routes and roles a README table written by `routeRolesMarkdown` documents. */
export function parseRouteRolesMarkdown(markdown: string): RouteRoles[] {
  const start = markdown.indexOf(ROUTE_ROLES_START);
  const end = markdown.indexOf(ROUTE_ROLES_END);
  if (start < 0 || end < start) return [];
  return markdown
    .slice(start, end)
    .split('\n')
    .filter((line) => line.startsWith('| `'))
    .map((line) => {
      const cells = line
        .split('|')
        .slice(1, -1)
        .map((cell) => cell.trim());
      const [method = '', path = ''] = cells[0]!.replace(/`/g, '').split(' ');
      return { method, path, roles: roles.filter((_role, index) => cells[index + 1] === '✓') };
    });
}
