import type { Queryable } from './database';

/*
 * Per-client serialization. Rules that check and then write (a client's message limits and upload
 * quota, one active ROI per client, one conversation per client and staff member) must not let
 * two transactions both pass the check. Each takes its client's row lock first, so two writers for
 * the same client take turns while writers for different clients never wait for each other.
 *
 * FOR NO KEY UPDATE, the lock an UPDATE of the row takes: it excludes other lockers and updates of
 * the client (re-stamps), but not the key-share locks that inserts referencing the client take,
 * so unrelated writes for the client are not held up. Several clients are always locked in id
 * order, so two transactions locking overlapping sets cannot deadlock.
 */

/** Locks client `clientId`'s row until the transaction ends. An unknown id locks nothing. */
export async function lockClient(tx: Queryable, clientId: string): Promise<void> {
  await lockClients(tx, [clientId]);
}

/** Locks the rows of several clients, in id order, until the transaction ends. */
export async function lockClients(tx: Queryable, clientIds: readonly string[]): Promise<void> {
  if (clientIds.length === 0) return;
  await tx.query('SELECT 1 FROM clients WHERE id = ANY($1::uuid[]) ORDER BY id FOR NO KEY UPDATE', [
    [...new Set(clientIds)],
  ]);
}

/**
 * Locks the clients that rows `ids` of `table` (a table with client_id, named by the caller, never
 * by a request) belong to. A push that changes several rows takes these first, so it cannot hold
 * one row while waiting for another that a client's writer (the care team sweeper re-stamping
 * every row of a client) holds the other way round.
 */
export async function lockClientsOfRows(tx: Queryable, table: string, ids: readonly string[]): Promise<void> {
  if (ids.length === 0) return;
  await tx.query(
    `SELECT 1 FROM clients WHERE id IN (SELECT client_id FROM ${table} WHERE id = ANY($1::uuid[]))
      ORDER BY id FOR NO KEY UPDATE`,
    [ids],
  );
}
