import { sql, type SQL } from 'drizzle-orm';
import type { PgColumn } from 'drizzle-orm/pg-core';

/**
 * Helpers for SQL written as templates over the drizzle tables: a table or column object in a
 * `sql` template renders as its quoted name (a column qualified by its table), so renaming one in
 * the schema fails the typecheck instead of a query at run time. Where a statement needs a bare
 * column name (insert and conflict lists, `excluded.x`, an alias's column), these render it.
 */

/** `render` of each column's bare (unqualified) name, joined by `separator`. */
export const eachColumn = (columns: readonly PgColumn[], render: (name: SQL) => SQL, separator: string) =>
  sql.join(
    columns.map((column) => render(sql`${sql.identifier(column.name)}`)),
    sql.raw(separator),
  );

/** Bare column names, for insert and conflict lists. */
export const columnList = (columns: readonly PgColumn[]) => eachColumn(columns, (name) => name, ', ');

/** One column's bare name. */
export const columnName = (column: PgColumn) => sql.identifier(column.name);
