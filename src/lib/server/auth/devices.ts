import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { sql, type Kysely } from 'kysely';
import { compiledOnce, kindOf } from '../db/compiled';
import type { Database } from '../db/schema';
import type { Tx } from '../db/transaction';
import { catalogRevisionOf, catalogRevisionQuery } from '../catalog/revision';

export interface Device {
	id: string;
	userId: string | null;
}

export const hashToken = (token: string) => createHash('sha256').update(token).digest('hex');

/** A new device and its bearer token; only the token's hash is kept. */
export async function registerDevice(
	db: Kysely<Database>,
	userId: string | null = null
): Promise<{ deviceId: string; token: string }> {
	const deviceId = randomUUID();
	const token = randomBytes(32).toString('base64url');
	await db
		.insertInto('devices')
		.values({
			id: deviceId,
			token_hash: hashToken(token),
			user_id: userId,
			created_at: new Date().toISOString()
		})
		.execute();
	return { deviceId, token };
}

/**
 * A new token for an agent's own device, when the agent signs in again on it (the old token stops
 * working); null when the device is not this user's.
 */
export async function renewDevice(
	db: Kysely<Database>,
	deviceId: string,
	userId: string
): Promise<{ deviceId: string; token: string } | null> {
	const token = randomBytes(32).toString('base64url');
	const renewed = await db
		.updateTable('devices')
		.set({ token_hash: hashToken(token) })
		.where('id', '=', deviceId)
		.where('user_id', '=', userId)
		.executeTakeFirst();
	return Number(renewed.numUpdatedRows) === 1 ? { deviceId, token } : null;
}

/**
 * Ends the tokens of an account's devices (an agent's phones): each is refused until the agent
 * signs in on it again, and keeps its queue meanwhile. The devices stay, with their applications;
 * what takes a token's place is no hash of any token.
 */
export async function endDeviceTokens(db: Tx, userId: string): Promise<void> {
	await db
		.updateTable('devices')
		.set({ token_hash: sql<string>`'ended:' || id` })
		.where('user_id', '=', userId)
		.execute();
}

/**
 * The device a token's hash names, and the catalogue's revision: a sync request needs both, and on
 * PostgreSQL each statement costs a round trip.
 */
const deviceOfToken = compiledOnce((db, p: { hash: string }) =>
	db
		.selectFrom('devices')
		.leftJoin('users', 'users.id', 'devices.user_id')
		.select(['devices.id', 'devices.user_id', 'users.disabled'])
		.select(catalogRevisionQuery(db).as('catalog_revision'))
		.where('devices.token_hash', '=', p.hash)
);

/**
 * The device an `Authorization: Bearer …` header names, if any (an agent's only while enabled),
 * with the catalogue's revision as the request arrived (for `currentCatalog`).
 */
export async function deviceFromRequest(
	db: Kysely<Database>,
	request: Request
): Promise<(Device & { catalogRevision: number }) | null> {
	const header = request.headers.get('authorization') ?? '';
	const match = /^Bearer ([A-Za-z0-9_-]{20,200})$/i.exec(header.trim());
	if (!match) return null;
	const [row] = (await deviceOfToken(db, kindOf(db), { hash: hashToken(match[1]!) })).rows;
	if (!row || row.disabled) return null;
	return {
		id: row.id,
		userId: row.user_id,
		catalogRevision: catalogRevisionOf(row.catalog_revision)
	};
}
