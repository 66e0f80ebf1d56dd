import * as v from 'valibot';
import { isRealDate } from '$lib/catalog/dates';
import { maxChars, reason } from './issues';

export const SCHEMA_VERSION = 1;
export const MAX_OPS_PER_REQUEST = 50;
export const MAX_SYNC_BYTES = 2 * 1024 * 1024;
export const MAX_BLOB_BYTES = 2 * 1024 * 1024;
/** The largest chunk of a photo uploaded in parts (`PATCH /api/blobs/<sha256>`). */
export const MAX_UPLOAD_CHUNK_BYTES = 256 * 1024;
export const MAX_ATTACHMENTS = 20;
/** Bounds of one op's payload: nesting (objects and arrays) and length as JSON text. */
export const MAX_PAYLOAD_DEPTH = 8;
export const MAX_PAYLOAD_CHARS = 64 * 1024;

/** Whether a parsed JSON value nests deeper than `max` objects and arrays (without recursion). */
export function nestsDeeperThan(value: unknown, max: number): boolean {
	const stack: [unknown, number][] = [[value, 1]];
	while (stack.length) {
		const [item, depth] = stack.pop()!;
		if (!item || typeof item !== 'object') continue;
		if (depth > max) return true;
		for (const child of Object.values(item)) stack.push([child, depth + 1]);
	}
	return false;
}

/** A time as a phone's clock writes it (ISO), and one a clock can read: `+08` alone is not. */
const phoneTime = v.pipe(
	v.string(),
	v.isoTimestamp(reason({ k: 'format' })),
	v.check((s) => Number.isFinite(Date.parse(s)), reason({ k: 'format' }))
);

/** A UUID, in small letters: the same id however its letters were written. */
const uuid = v.pipe(
	v.string(reason({ k: 'required' })),
	v.uuid(reason({ k: 'uuid' })),
	v.toLowerCase()
);
const id = v.pipe(
	v.string(reason({ k: 'required' })),
	v.nonEmpty(reason({ k: 'required' })),
	v.maxLength(100, reason({ k: 'length', max: 100 }))
);
const slotStart = v.pipe(
	v.string(reason({ k: 'required' })),
	v.regex(/^\d{4}-\d{2}-\d{2}T([01]\d|2[0-3]):[0-5]\d\+08:00$/, reason({ k: 'format' })),
	v.check((s) => isRealDate(s.slice(0, 10)), reason({ k: 'format' }))
);
/** Ranked slot choices: the first with room is booked. */
const slots = v.pipe(
	v.array(slotStart, reason({ k: 'format' })),
	v.maxLength(10, reason({ k: 'items', max: 10 }))
);

export const attachmentSchema = v.object({
	sha256: v.pipe(v.string(), v.regex(/^[0-9a-f]{64}$/, reason({ k: 'format' }))),
	materialId: id,
	contentType: v.picklist(['image/jpeg', 'image/png', 'image/webp'], reason({ k: 'choice' })),
	size: v.pipe(
		v.number(),
		v.integer(),
		v.minValue(1),
		v.maxValue(MAX_BLOB_BYTES, reason({ k: 'range', min: 1, max: MAX_BLOB_BYTES }))
	)
});

/** The parts of an application checked before the catalogue is consulted. */
export const submitPayload = v.object({
	applicationId: uuid,
	/** One matter, or a bundle (then `matterId` is the one its booking is for). */
	matterId: id,
	bundleId: v.optional(id),
	pointId: id,
	slots,
	applicant: v.record(v.string(), v.unknown(), reason({ k: 'format' })),
	fields: v.record(v.string(), v.unknown(), reason({ k: 'format' })),
	answers: v.record(v.string(), v.string(), reason({ k: 'format' })),
	attachments: v.pipe(
		v.array(attachmentSchema, reason({ k: 'format' })),
		v.maxLength(MAX_ATTACHMENTS, reason({ k: 'items', max: MAX_ATTACHMENTS }))
	),
	/** When the device queued it (ISO), for the record. */
	createdAt: phoneTime
});
export type SubmitPayload = v.InferOutput<typeof submitPayload>;

export const cancelPayload = v.object({ applicationId: uuid });
export const movePayload = v.object({
	applicationId: uuid,
	slots: v.pipe(slots, v.minLength(1, reason({ k: 'required' })))
});
export const ratePayload = v.object({
	applicationId: uuid,
	stars: v.pipe(
		v.number(reason({ k: 'range', min: 1, max: 5 })),
		v.integer(reason({ k: 'range', min: 1, max: 5 })),
		v.minValue(1, reason({ k: 'range', min: 1, max: 5 })),
		v.maxValue(5, reason({ k: 'range', min: 1, max: 5 }))
	),
	comment: v.optional(v.pipe(v.string(), v.trim(), maxChars(500)), '')
});

/** Photos of the materials the counter asked for, added from the phone. */
export const materialsPayload = v.object({
	applicationId: uuid,
	attachments: v.pipe(
		v.array(attachmentSchema, reason({ k: 'format' })),
		v.minLength(1, reason({ k: 'required' })),
		v.maxLength(MAX_ATTACHMENTS, reason({ k: 'items', max: MAX_ATTACHMENTS }))
	)
});

export const OP_KINDS = [
	'application.submit',
	'booking.cancel',
	'booking.move',
	'rating.submit',
	'materials.add'
] as const;
export type OpKind = (typeof OP_KINDS)[number];

export const CLAIM_KEY = /^[A-Za-z0-9_-]{22,64}$/;

export const opEnvelope = v.object({
	opId: uuid,
	kind: v.picklist(OP_KINDS, reason({ k: 'choice' })),
	schemaVersion: v.literal(SCHEMA_VERSION, reason({ k: 'choice' })),
	payload: v.record(v.string(), v.unknown(), reason({ k: 'format' })),
	/**
	 * The secret whose digest a receipt's code carries: with it, the phone that made an application
	 * claims it after a counter took it in from the code. Not part of the payload.
	 */
	claimKey: v.optional(v.pipe(v.string(), v.regex(CLAIM_KEY, reason({ k: 'format' }))))
});
export type OpEnvelope = v.InferOutput<typeof opEnvelope>;

export const syncRequest = v.object({
	ops: v.pipe(
		v.array(v.unknown(), reason({ k: 'format' })),
		v.maxLength(MAX_OPS_PER_REQUEST, reason({ k: 'items', max: MAX_OPS_PER_REQUEST }))
	),
	/** The phone's clock as it sent (ISO): how far off it is tells when its ops were made. */
	sentAt: v.optional(phoneTime)
});

/**
 * `retry`: not applied, and nothing was stored: the server failed on it, or an earlier op on the
 * same application was not done; the device sends it again later.
 */
export type OpStatus = 'applied' | 'duplicate' | 'rejected' | 'conflict' | 'retry';

export interface FieldProblem {
	field: string;
	message: string;
}

/** What the server answers for each op. */
export interface OpResult {
	opId: string;
	status: OpStatus;
	reply: OpReply;
	/** The op was done before: this is its stored answer again. */
	replay?: true;
}

export interface BookingReply {
	status: 'booked' | 'needs_slot' | 'cancelled';
	pointId: string;
	matterId: string;
	slotStart: string | null;
	/** Free slots to choose from when none of the choices had room. */
	alternatives?: string[];
	/** `needs_slot`: the time booked before, whose day passed with nobody checked in. */
	missedSlot?: string;
	/** `booked`: the time is no longer offered (the point's hours or services changed since). */
	withdrawn?: true;
}

export type OpReply =
	| {
			kind: 'application';
			applicationId: string;
			reference: string;
			status: string;
			booking: BookingReply;
	  }
	| { kind: 'rating'; applicationId: string; stars: number }
	| {
			code: string;
			message: string;
			fields?: FieldProblem[];
			missingBlobs?: string[];
			alternatives?: string[];
	  };

// What the server answers, as the device checks it.
const bookingReply = v.object({
	status: v.picklist(['booked', 'needs_slot', 'cancelled']),
	pointId: v.string(),
	matterId: v.string(),
	slotStart: v.nullable(v.string()),
	alternatives: v.optional(v.array(v.string())),
	missedSlot: v.optional(v.string()),
	withdrawn: v.optional(v.literal(true))
});
const fieldProblem = v.object({ field: v.string(), message: v.string() });
const opReply = v.union([
	v.object({
		kind: v.literal('application'),
		applicationId: v.string(),
		reference: v.string(),
		status: v.string(),
		booking: bookingReply
	}),
	v.object({ kind: v.literal('rating'), applicationId: v.string(), stars: v.number() }),
	v.object({
		code: v.string(),
		message: v.string(),
		fields: v.optional(v.array(fieldProblem)),
		missingBlobs: v.optional(v.array(v.string())),
		alternatives: v.optional(v.array(v.string()))
	})
]);
export const syncAnswer = v.object({
	results: v.array(
		v.object({
			opId: v.string(),
			status: v.picklist(['applied', 'duplicate', 'rejected', 'conflict', 'retry']),
			reply: opReply,
			replay: v.optional(v.literal(true))
		})
	)
});

export const APPLICATION_STATUSES = [
	'submitted',
	'accepted',
	'more_materials',
	'completed',
	'refused',
	'cancelled'
] as const;

/** One step of an application: `submitted`, `check_in`, `accept`, `request_materials`, … */
const timelineStep = v.object({ step: v.string(), at: v.string(), note: v.string() });
export type TimelineStep = v.InferOutput<typeof timelineStep>;

export const pullAnswer = v.object({
	cursor: v.number(),
	more: v.boolean(),
	changes: v.array(
		v.object({
			applicationId: v.string(),
			reference: v.string(),
			status: v.picklist(APPLICATION_STATUSES),
			note: v.string(),
			requestedMaterials: v.array(v.string()),
			rating: v.nullable(v.number()),
			booking: v.nullable(bookingReply),
			timeline: v.optional(v.array(timelineStep), [])
		})
	)
});
