import { hash as sha256 } from 'node:crypto';
import { sql } from 'kysely';
import * as v from 'valibot';
import { canonicalJson } from '$lib/canonical-json';
import type { CatalogSnapshot } from '$lib/catalog/types';
import { m } from '$lib/paraglide/messages';
import { describeIssues } from '$lib/schemas/issues';
import {
	MAX_PAYLOAD_CHARS,
	MAX_PAYLOAD_DEPTH,
	nestsDeeperThan,
	opEnvelope,
	type OpEnvelope,
	type OpKind,
	type OpResult
} from '$lib/schemas/ops';
import type { Device } from '../auth/devices';
import type { Connection } from '../db/connect';
import { writeTransaction, type Tx } from '../db/transaction';
import type { DatabaseKind } from '../db/connect';
import { compiledOnce } from '../db/compiled';
import { writeTogether } from '../db/write-together';
import type { Insertable, Selectable } from 'kysely';
import type { OpTable } from '../db/schema';
import { claimHolds, claimTakenIn, mayClaim } from './claim';
import type { OpContext, Outcome } from './context';
import { lockPersonMatters, personMatterOf } from './person-locks';
import { addMaterials, cancelBooking, moveBooking, rateService } from './manage';
import { checkSubmit, submitApplication, type CheckedSubmit } from './submit';

/** `prechecked`: what the kind's check (`prechecks`) made of the payload, when it has one. */
const handlers: Record<
	OpKind,
	(ctx: OpContext, payload: unknown, prechecked?: unknown) => Promise<Outcome>
> = {
	'application.submit': (ctx, payload, prechecked) =>
		submitApplication(ctx, payload, prechecked as CheckedSubmit | undefined),
	'booking.cancel': cancelBooking,
	'booking.move': moveBooking,
	'rating.submit': rateService,
	'materials.add': addMaterials
};

/**
 * What an op's kind checks without the database, run before the request waits for its turn to
 * write (which other requests then do not wait on). A replayed op gets its stored reply whatever
 * its check says: the check's answer is used only when the op is applied.
 */
type Precheck = (catalog: CatalogSnapshot, payload: unknown) => unknown;
const prechecks: Partial<Record<OpKind, Precheck>> = { 'application.submit': checkSubmit };

const envelopeLabels = {
	opId: () => 'opId',
	kind: () => 'kind',
	schemaVersion: () => 'schemaVersion',
	payload: () => 'payload',
	claimKey: () => 'claimKey'
};

// Columns named, not `*`: a prepared statement fails once its table gains a column.
const OP_COLUMNS = [
	'op_id',
	'device_id',
	'kind',
	'payload_hash',
	'status',
	'reply',
	'created_at',
	'taken_in',
	'claim_hash'
] as const;
type StoredOp = Selectable<Pick<OpTable, (typeof OP_COLUMNS)[number]>>;

const storedOp = compiledOnce((db, p: { opId: string }) =>
	db.selectFrom('ops').select(OP_COLUMNS).where('op_id', '=', p.opId)
);

/**
 * The stored ops of a request, found with one query rather than one an op (on PostgreSQL, a round
 * trip each). Each answer serves once: the same id again in the request, or an op tried again
 * after a clash, asks the database afresh, which by then may hold what the first one wrote.
 */
async function storedOpsOf(tx: Tx, kind: DatabaseKind, opIds: string[]) {
	// One op alone is looked up when it comes, as before.
	const found = new Map<string, StoredOp | undefined>();
	if (opIds.length > 1) {
		for (const id of opIds) found.set(id, undefined);
		const rows = await tx
			.selectFrom('ops')
			.select(OP_COLUMNS)
			.where('op_id', 'in', opIds)
			.execute();
		for (const row of rows) found.set(row.op_id, row);
	}
	return async (opId: string): Promise<StoredOp | undefined> => {
		if (found.has(opId)) {
			const row = found.get(opId);
			found.delete(opId);
			return row;
		}
		return (await storedOp(tx, kind, { opId })).rows[0];
	};
}

const storeOp = compiledOnce((db, p: Insertable<OpTable>) =>
	db.insertInto('ops').values({
		op_id: p.op_id,
		device_id: p.device_id,
		kind: p.kind,
		payload_hash: p.payload_hash,
		status: p.status,
		reply: p.reply,
		created_at: p.created_at,
		taken_in: p.taken_in,
		claim_hash: p.claim_hash
	})
);

export interface ApplyOptions {
	/** Taken in at a counter from a receipt's code, which binds it to its phone by this digest. */
	takeIn?: { claimHash: string | null };
	/** How far the sending phone's clock runs behind the server's (ms). */
	clockSkewMs?: number;
}

const field = (raw: unknown, key: string): string =>
	raw && typeof raw === 'object' && typeof (raw as Record<string, unknown>)[key] === 'string'
		? ((raw as Record<string, unknown>)[key] as string)
		: '';

function retry(opId: string, code: 'server_error' | 'earlier_op_pending'): OpResult {
	const message = code === 'server_error' ? m.err_server_retry() : m.err_earlier_op_pending();
	return { opId, status: 'retry', reply: { code, message } };
}

/** An answer the device gets again if it sends the op again (so not a `retry` nor a request for photos). */
const isFinal = (r: OpResult) =>
	r.status !== 'retry' && !('code' in r.reply && r.reply.code === 'missing_blobs');

/**
 * Applies each op once, in order, all in one transaction (one commit for the request): an op's
 * effect and its stored reply stand or fall together. A retried op gets its stored reply back,
 * marked as a replay. Every op gets its own answer: one that fails is answered `retry`, and so are
 * the ops after it on the same application, while the others go on.
 *
 * The ops first run without savepoints, the common case in which none fails (a savepoint per op
 * costs statements, and on PostgreSQL round trips). Should one throw, that transaction is rolled
 * back whole and the request runs again with each op in a savepoint of its own, so that a failing
 * op is rolled back alone.
 */
export async function applyOps(
	conn: Connection,
	device: Device,
	ops: unknown[],
	catalog: CatalogSnapshot,
	now: () => Date = () => new Date(),
	options: ApplyOptions = {}
): Promise<OpResult[]> {
	// What can be answered or checked without the database (a malformed envelope, a payload past
	// the bounds, a submit's form).
	const checked = await Promise.all(ops.map((raw) => check(raw, catalog, options)));
	const personMatters = checked.flatMap((item) =>
		'op' in item ? personMatterOf(item.prechecked) : []
	);
	const run = (guard: Guard) =>
		writeTransaction(conn, async (tx) => {
			// SQLite writes one transaction at a time: no two can find a person's matter free together.
			if (conn.kind === 'postgres') await lockPersonMatters(tx, personMatters);
			const results: OpResult[] = [];
			const unfinished = new Set<string>();
			const stored = await storedOpsOf(
				tx,
				conn.kind,
				checked.flatMap((item) => ('op' in item ? [item.op.opId] : []))
			);
			for (const item of checked) {
				let result: OpResult;
				if ('answer' in item) result = item.answer;
				else if (item.applicationId && unfinished.has(item.applicationId)) {
					result = retry(item.op.opId, 'earlier_op_pending');
				} else {
					result = await guard(tx, item.op.opId, () =>
						applyOne(tx, conn.kind, device, item, stored, catalog, now(), options)
					);
				}
				const applicationId = 'answer' in item ? '' : item.applicationId;
				if (applicationId && !isFinal(result)) unfinished.add(applicationId);
				results.push(result);
			}
			return results;
		});
	let results: OpResult[];
	try {
		results = await run(unguarded);
	} catch (error) {
		if (!(error instanceof OpThrew)) throw error;
		results = await run(inSavepoint);
	}
	// Each answer names its op as the device wrote it (ids are kept in small letters).
	return results.map((result, i) => {
		const sent = field(ops[i], 'opId');
		return sent && sent !== result.opId && sent.toLowerCase() === result.opId
			? { ...result, opId: sent }
			: result;
	});
}

type Guard = (tx: Tx, opId: string, run: () => Promise<OpResult>) => Promise<OpResult>;

/** An op that threw while the ops ran without savepoints: its transaction is to be rolled back. */
class OpThrew extends Error {}

const unguarded: Guard = async (_tx, opId, run) => {
	try {
		return await run();
	} catch (error) {
		throw new OpThrew(`op ${opId} failed`, { cause: error });
	}
};

/**
 * The op's check, or nothing if the check throws: the handler then checks again in the
 * transaction, where a throw is answered `retry` like any other.
 */
function precheck(op: OpEnvelope, catalog: CatalogSnapshot): unknown {
	try {
		return prechecks[op.kind]?.(catalog, op.payload);
	} catch {
		return undefined;
	}
}

type Checked =
	| { answer: OpResult }
	| { op: OpEnvelope; hash: string; applicationId: string; prechecked: unknown };

async function check(
	raw: unknown,
	catalog: CatalogSnapshot,
	options: ApplyOptions
): Promise<Checked> {
	const envelope = v.safeParse(opEnvelope, raw);
	if (!envelope.success) {
		// An op that is no object at all (null, a number, a list) is named as a whole.
		const whole = !raw || typeof raw !== 'object' || Array.isArray(raw);
		const fields = whole
			? [{ field: 'op', message: m.err_format({ field: 'op' }) }]
			: describeIssues(envelope.issues, envelopeLabels);
		return {
			answer: {
				opId: field(raw, 'opId'),
				status: 'rejected',
				reply: { code: 'invalid_op', message: fields[0]?.message ?? m.err_invalid_input(), fields }
			}
		};
	}
	const op = envelope.output;
	// The payload's bounds first: the claim's check walks it too.
	const digest = boundedDigest(op.kind, op.payload);
	if ('problem' in digest) {
		return { answer: { opId: op.opId, status: 'rejected', reply: digest.problem } };
	}
	if (!(await claimHolds(op, options))) {
		const message = options.takeIn ? m.err_code_mismatch() : m.err_claim_mismatch();
		return {
			answer: {
				opId: op.opId,
				status: 'rejected',
				reply: { code: 'claim_mismatch', message, fields: [{ field: 'claimKey', message }] }
			}
		};
	}
	return {
		op,
		hash: digest.hash,
		applicationId: field(op.payload, 'applicationId'),
		prechecked: precheck(op, catalog)
	};
}

/**
 * Runs one op inside a savepoint: on failure only its own writes are undone and it is answered
 * `retry`. A unique key hit (the same op applied meanwhile by a request that raced this one) is
 * tried again once, when the stored reply is there to be found.
 */
const inSavepoint: Guard = async (tx, opId, run) => {
	for (let attempt = 0; ; attempt++) {
		await sql`savepoint op`.execute(tx);
		try {
			const result = await run();
			await sql`release savepoint op`.execute(tx);
			return result;
		} catch (error) {
			await sql`rollback to savepoint op`.execute(tx);
			await sql`release savepoint op`.execute(tx);
			if (attempt < 1 && isUniqueViolation(error)) continue;
			console.error(`op ${opId} failed`, error);
			return retry(opId, 'server_error');
		}
	}
};

async function applyOne(
	tx: Tx,
	kind: DatabaseKind,
	device: Device,
	{ op, hash, prechecked }: { op: OpEnvelope; hash: string; prechecked: unknown },
	storedOpOf: (opId: string) => Promise<StoredOp | undefined>,
	catalog: CatalogSnapshot,
	now: Date,
	options: ApplyOptions
): Promise<OpResult> {
	const stored = await storedOpOf(op.opId);
	if (stored) {
		const same = stored.payload_hash === hash;
		if (same && !options.takeIn && (await mayClaim(stored, device, op.claimKey))) {
			await claimTakenIn(tx, kind, device, op.opId, op.payload, now);
		} else if (stored.device_id !== device.id || !same) {
			return {
				opId: op.opId,
				status: 'rejected',
				reply: {
					code: 'op_id_reused',
					message: m.err_op_reused(),
					fields: [{ field: 'opId', message: m.err_op_reused() }]
				}
			};
		}
		const status = stored.status === 'applied' ? 'duplicate' : stored.status;
		return {
			opId: op.opId,
			status: status as OpResult['status'],
			reply: JSON.parse(stored.reply),
			replay: true
		};
	}
	const ctx: OpContext = {
		tx,
		kind,
		device,
		catalog,
		now,
		opId: op.opId,
		takeIn: !!options.takeIn,
		clockSkewMs: options.clockSkewMs ?? 0
	};
	const outcome = await handlers[op.kind](ctx, op.payload, prechecked);
	const writes = outcome.writes ?? [];
	if (outcome.final) {
		const takenIn = !!options.takeIn && outcome.status === 'applied';
		writes.push(
			storeOp.query(tx, kind, {
				op_id: op.opId,
				device_id: device.id,
				kind: op.kind,
				payload_hash: hash,
				status: outcome.status,
				reply: JSON.stringify(outcome.reply),
				created_at: now.toISOString(),
				taken_in: takenIn ? 1 : 0,
				claim_hash: takenIn ? (options.takeIn?.claimHash ?? null) : null
			})
		);
	}
	await writeTogether(tx, kind, writes);
	return { opId: op.opId, status: outcome.status, reply: outcome.reply };
}

/**
 * A digest of what an op asks for, to tell a retry from a reuse of its id; or, for a payload past
 * the bounds every op keeps, the problem (depth is checked first: the digest walks it recursively).
 */
function boundedDigest(kind: string, payload: Record<string, unknown>) {
	const problem = (code: string, message: string) => ({
		problem: { code, message, fields: [{ field: 'payload', message }] }
	});
	if (nestsDeeperThan(payload, MAX_PAYLOAD_DEPTH)) {
		return problem('payload_too_deep', m.err_payload_too_deep({ max: MAX_PAYLOAD_DEPTH }));
	}
	// Keys in order: the same payload hashes alike however it was written.
	const text = canonicalJson(payload);
	if (text.length > MAX_PAYLOAD_CHARS) {
		return problem('payload_too_large', m.err_payload_too_large({ max: MAX_PAYLOAD_CHARS }));
	}
	return { hash: sha256('sha256', `${kind}\0${text}`, 'hex') };
}

export function isUniqueViolation(error: unknown): boolean {
	const e = error as { code?: string; message?: string };
	return (
		e?.code === '23505' ||
		e?.code === 'SQLITE_CONSTRAINT_UNIQUE' ||
		e?.code === 'SQLITE_CONSTRAINT_PRIMARYKEY'
	);
}
