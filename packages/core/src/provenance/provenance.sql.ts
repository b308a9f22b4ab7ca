import { provenanceEvents, provenanceLeaves, provenancePending, provenanceTreeNodes } from '@baigou/db';
import { sql, type SQL } from 'drizzle-orm';
import { columnList } from '../shared/sql';
import type { NodeKey, StoredNode } from './merkle';

/**
 * The log's hot statements, over the drizzle tables: the node lookup behind every proof and root,
 * and the sequencer's append. Their SQL text is pinned by provenance.sql.int.test.ts.
 */

const nodes = provenanceTreeNodes;
const pending = provenancePending;
const leaves = provenanceLeaves;

/** The stored perfect-subtree hashes named by `keys` (one (level, index) pair each), in one query. */
export function nodesOf(keys: readonly NodeKey[]): SQL {
  return sql`
      select ${nodes.level}, ${nodes.index}, ${nodes.hash} from ${nodes}
      join unnest(${sql.param(keys.map((key) => key.level))}::smallint[], ${sql.param(keys.map((key) => key.index))}::bigint[]) as k(level, index)
        on ${nodes.level} = k.level and ${nodes.index} = k.index`;
}

/** Takes up to `limit` pending events off the queue, oldest first, with their leaf hashes. */
export function takePending(limit: number): SQL {
  return sql`
        with taken as (
          delete from ${pending}
          where ${pending.eventId} in (select ${pending.eventId} from ${pending} order by ${pending.seq} limit ${limit})
          returning ${pending.eventId}, ${pending.seq}
        )
        select t.event_id, ${provenanceEvents.leafHash} from taken t join ${provenanceEvents} on ${provenanceEvents.id} = t.event_id order by t.seq`;
}

/** The leaves `firstIndex`, `firstIndex + 1`, … of the given events, in order. */
export function insertLeaves(firstIndex: number, eventIds: readonly string[]): SQL {
  return sql`
        insert into ${leaves} (${columnList([leaves.leafIndex, leaves.eventId])})
        select * from unnest(${sql.param(eventIds.map((_, i) => firstIndex + i))}::bigint[], ${sql.param(eventIds)}::uuid[])`;
}

/** Newly completed perfect subtrees. */
export function insertNodes(completed: readonly StoredNode[]): SQL {
  return sql`
        insert into ${nodes} (${columnList([nodes.level, nodes.index, nodes.hash])})
        select * from unnest(${sql.param(completed.map((node) => node.level))}::smallint[],
          ${sql.param(completed.map((node) => node.index))}::bigint[],
          ${sql.param(completed.map((node) => Buffer.from(node.hash)))}::bytea[])`;
}
