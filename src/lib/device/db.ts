import Dexie, { type EntityTable } from 'dexie';
import type { CompactCatalog } from '$lib/catalog/compact';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { BookingReply, OpKind, OpReply, TimelineStep } from '$lib/schemas/ops';
import { DEVICE_DB_NAME } from './store-exists';
import type { FailureReason } from './sync/transport';

export interface StoredCatalog {
	key: 'current';
	/** Compact as the server sends it now; a copy saved before that is a whole snapshot. */
	snapshot: CompactCatalog | CatalogSnapshot;
	etag: string;
	/** When the server last confirmed this copy (ms since epoch). */
	checkedAt: number;
}

export interface OutboxEntry {
	/** Order of sending. */
	seq?: number;
	/** Made on the device; also the server's idempotency key. */
	opId: string;
	kind: OpKind;
	payload: Record<string, unknown>;
	/** The application the op is about, to show it beside the entry. */
	applicationId: string;
	createdAt: number;
	attempts: number;
	lastAttemptAt: number | null;
	lastError: string | null;
	/** Why the last try failed when the server said nothing of this entry (no connection, …). */
	lastFailure?: FailureReason | null;
	/** `rejected`: the server refused it; it waits for the reader, never for a retry. */
	state: 'waiting' | 'rejected';
	rejection: OpReply | null;
	/** The server failed on it: not sent again before then (ms since epoch), unless sent now. */
	notBefore?: number;
	/** For a submit: the key that lets this device claim the application if a counter took it in. */
	claimKey?: string;
}

export interface StoredBlob {
	sha256: string;
	blob: Blob;
	contentType: string;
	size: number;
	uploaded: 0 | 1;
	/** An op naming it has reached the server, which now waits for its bytes. */
	due?: 0 | 1;
	/** The server would not take it (not an image, too large): its words. */
	refused?: string;
	/** Bytes of it the server has, as its last chunk's answer said. */
	sent?: number;
}

export interface Attachment {
	sha256: string;
	materialId: string;
	contentType: 'image/jpeg' | 'image/webp';
	size: number;
}

export interface DraftData {
	matterId: string;
	bundleId: string | null;
	pointId: string;
	slots: string[];
	applicant: { name: string; idNumber: string; phone: string };
	fields: Record<string, string>;
	answers: Record<string, string>;
	attachments: Attachment[];
}

export interface Draft extends DraftData {
	id: string;
	updatedAt: number;
}

export type LocalStatus =
	| 'queued'
	| 'rejected'
	| 'submitted'
	| 'accepted'
	| 'more_materials'
	| 'completed'
	| 'refused'
	| 'cancelled';

/** An application as this device knows it: what was filled in, and the server's latest word. */
export interface LocalApplication extends DraftData {
	id: string;
	opId: string;
	reference: string;
	createdAt: number;
	status: LocalStatus;
	booking: BookingReply | null;
	note: string;
	requestedMaterials: string[];
	rating: number | null;
	/** The agent who filled it in for the applicant, if any. */
	agent: string | null;
	/** The reference of the refused application this one corrects: the resident may have noted it. */
	corrects?: string;
	/** The submit op's payload exactly as queued: the receipt's QR code carries it. */
	payload: Record<string, unknown>;
	/** Its digest goes in the receipt's QR code, so only this device can claim a take-in. */
	claimKey?: string;
	/** Its steps as the server last told them, oldest first. */
	timeline?: TimelineStep[];
	/** The server told of a change the resident has not looked at yet. */
	unseen?: 0 | 1;
	updatedAt: number;
}

export interface MetaRow {
	key: string;
	value: unknown;
}

/** Everything the device keeps, declared once. */
export class DeviceDb extends Dexie {
	/** Read once to move a copy kept by an earlier release to the Cache Storage (catalog-store.ts). */
	catalog!: EntityTable<StoredCatalog, 'key'>;
	outbox!: EntityTable<OutboxEntry, 'seq'>;
	blobs!: EntityTable<StoredBlob, 'sha256'>;
	drafts!: EntityTable<Draft, 'id'>;
	applications!: EntityTable<LocalApplication, 'id'>;
	meta!: EntityTable<MetaRow, 'key'>;

	constructor() {
		super(DEVICE_DB_NAME);
		this.version(1).stores({ catalog: '&key' });
		this.version(2).stores({ slots: '&key, fetchedAt' });
		this.version(3).stores({
			outbox: '++seq, &opId, state, applicationId',
			blobs: '&sha256, uploaded',
			drafts: '&id, updatedAt',
			applications: '&id, reference, createdAt, status',
			meta: '&key'
		});
		this.version(4).stores({ applications: '&id, reference, createdAt, status, unseen' });
		this.version(5).stores({ blobs: '&sha256, uploaded, due' });
		// Free-place figures are kept in the Cache Storage now (slot-figures.ts).
		this.version(6).stores({ slots: null });
	}
}

export const deviceDb = new DeviceDb();

export async function getMeta<T>(key: string): Promise<T | undefined> {
	return (await deviceDb.meta.get(key))?.value as T | undefined;
}

export async function setMeta(key: string, value: unknown): Promise<void> {
	await deviceDb.meta.put({ key, value });
}
