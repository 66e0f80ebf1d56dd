import { keyBoundIds } from '$lib/claim-ids';
import { newClaimKey } from '$lib/qr-payload';
import { referenceOf } from '$lib/reference';
import type { OpKind } from '$lib/schemas/ops';
import {
	deviceDb,
	getMeta,
	setMeta,
	type DraftData,
	type LocalApplication,
	type OutboxEntry
} from './db';
import { announceOutboxChange, FLUSH_LOCK } from './outbox-signal';

function entry(
	kind: OpKind,
	applicationId: string,
	payload: Record<string, unknown>,
	opId: string = crypto.randomUUID()
): OutboxEntry {
	return {
		opId,
		kind,
		// Plain data, as the server gets it: a page's reactive state cannot be stored as it is.
		payload: JSON.parse(JSON.stringify(payload)) as Record<string, unknown>,
		applicationId,
		createdAt: Date.now(),
		attempts: 0,
		lastAttemptAt: null,
		lastError: null,
		state: 'waiting',
		rejection: null
	};
}

/**
 * Queues an application: the local record, its outbox entry (photos are already on the device,
 * saved with the draft) and the draft's removal, in one transaction, so none exists without the
 * others.
 */
export async function queueApplication(
	draftId: string | null,
	data: DraftData,
	agent: string | null,
	corrects: string | null = null
): Promise<LocalApplication> {
	// Its ids come from the key only this phone holds: no one who reads the receipt's code can send
	// the application first.
	const claimKey = newClaimKey();
	const now = Date.now();
	// As it is sent (JSON), so that the server finds the ids it binds to from what it receives.
	const made = JSON.parse(
		JSON.stringify({
			matterId: data.matterId,
			...(data.bundleId ? { bundleId: data.bundleId } : {}),
			pointId: data.pointId,
			slots: data.slots,
			applicant: data.applicant,
			fields: data.fields,
			answers: data.answers,
			attachments: data.attachments,
			createdAt: new Date(now).toISOString()
		})
	) as Record<string, unknown>;
	const ids = await keyBoundIds(claimKey, made);
	const id = ids.applicationId;
	const payload = { applicationId: id, ...made };
	const op = { ...entry('application.submit', id, payload, ids.opId), claimKey };
	const app: LocalApplication = {
		...data,
		id,
		opId: op.opId,
		reference: referenceOf(id),
		createdAt: now,
		status: 'queued',
		booking: null,
		note: '',
		requestedMaterials: [],
		rating: null,
		agent,
		...(corrects ? { corrects } : {}),
		payload,
		claimKey,
		updatedAt: now
	};
	await deviceDb.transaction(
		'rw',
		deviceDb.outbox,
		deviceDb.applications,
		deviceDb.drafts,
		async () => {
			await deviceDb.applications.add(app);
			await deviceDb.outbox.add(op);
			if (draftId) await deviceDb.drafts.delete(draftId);
		}
	);
	announceOutboxChange();
	await askForPersistence();
	return app;
}

/** Queues a change to an application (cancel, move, rate), behind anything queued before it. */
export async function queueOp(
	kind: Exclude<OpKind, 'application.submit'>,
	applicationId: string,
	payload: Record<string, unknown>
) {
	await deviceDb.outbox.add(entry(kind, applicationId, { applicationId, ...payload }));
	announceOutboxChange();
}

/**
 * Cancels an application. One the server cannot have (its submit never tried, or refused) is
 * withdrawn on the phone, with whatever else waits for it: sent, it would take a place only to
 * give it back, or be refused twice. Otherwise the cancel is queued behind it. While the outbox is
 * being sent, the submit may be on its way: the cancel is queued then too.
 */
export async function cancelApplication(applicationId: string): Promise<void> {
	const withdraw = () =>
		deviceDb.transaction('rw', deviceDb.outbox, deviceDb.applications, async () => {
			const queued = await deviceDb.outbox.where('applicationId').equals(applicationId).toArray();
			const submit = queued.find((e) => e.kind === 'application.submit');
			if (!submit || (submit.state === 'waiting' && submit.attempts > 0)) return false;
			await deviceDb.outbox.bulkDelete(queued.map((e) => e.seq!));
			await deviceDb.applications.update(applicationId, {
				status: 'cancelled',
				updatedAt: Date.now()
			});
			return true;
		});
	const withdrawn = globalThis.navigator?.locks
		? await navigator.locks.request(FLUSH_LOCK, { ifAvailable: true }, (lock) =>
				lock ? withdraw() : false
			)
		: await withdraw();
	if (withdrawn) announceOutboxChange();
	else await queueOp('booking.cancel', applicationId, {});
}

/** Drops a refused entry once the reader has dealt with it. */
export async function dismissRejected(seq: number): Promise<void> {
	await deviceDb.transaction('rw', deviceDb.outbox, deviceDb.applications, async () => {
		const e = await deviceDb.outbox.get(seq);
		if (!e || e.state !== 'rejected') return;
		await deviceDb.outbox.delete(seq);
		if (e.kind === 'application.submit') await deviceDb.applications.delete(e.applicationId);
	});
	announceOutboxChange();
}

/** Drops the refused submit of an application once a corrected one is queued. */
export async function dismissRejectedFor(applicationId: string): Promise<void> {
	const refused = await deviceDb.outbox.where('applicationId').equals(applicationId).toArray();
	for (const e of refused) if (e.state === 'rejected' && e.seq) await dismissRejected(e.seq);
}

export interface StorageState {
	persisted: boolean | null;
	/** Share of the device's quota in use, 0–1, when the browser says. */
	usage: number | null;
}

/** Asked with the first queued item: a persisted store is not cleared when the device runs low. */
async function askForPersistence(): Promise<void> {
	if (!navigator.storage?.persist || (await getMeta<boolean>('persist-asked'))) return;
	await setMeta('persist-asked', true);
	await setMeta('persisted', await navigator.storage.persist().catch(() => false));
}

export async function storageState(): Promise<StorageState> {
	const persisted = navigator.storage?.persisted ? await navigator.storage.persisted() : null;
	const estimate = navigator.storage?.estimate ? await navigator.storage.estimate() : null;
	return {
		persisted,
		usage: estimate?.quota ? (estimate.usage ?? 0) / estimate.quota : null
	};
}

export interface PhotosOnTheirWay {
	/** Photos the server has been told of and still waits for (among `named`, if given). */
	waiting: number;
	/** Their bytes, and how many of those the server has. */
	bytes: number;
	sentBytes: number;
	/** Each of them, in the order named. */
	photos: { sha256: string; size: number; sent: number }[];
	/** Of them, those the server would not take. */
	refused: number;
	/** The link's upload speed as last seen (bytes per second), when known. */
	rate: number | null;
}

/** The photos of taken applications still to upload: all of them, or those among `named`. */
export async function photosOnTheirWay(named?: string[]): Promise<PhotosOnTheirWay> {
	const due = named
		? (await deviceDb.blobs.bulkGet([...new Set(named)])).filter((b) => b?.due)
		: await deviceDb.blobs.where('due').equals(1).toArray();
	const { uploadRate } = await import('./sync/upload');
	const out: PhotosOnTheirWay = {
		waiting: 0,
		bytes: 0,
		sentBytes: 0,
		photos: [],
		refused: 0,
		rate: await uploadRate()
	};
	for (const b of due) {
		if (!b) continue;
		if (b.refused) {
			out.refused++;
			continue;
		}
		out.waiting++;
		out.bytes += b.size;
		out.sentBytes += b.sent ?? 0;
		out.photos.push({ sha256: b.sha256, size: b.size, sent: b.sent ?? 0 });
	}
	return out;
}
