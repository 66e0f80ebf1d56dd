import type { CompiledQuery } from 'kysely';
import type { CatalogSnapshot } from '$lib/catalog/types';
import type { FieldProblem, OpReply, OpStatus } from '$lib/schemas/ops';
import type { Device } from '../auth/devices';
import type { DatabaseKind } from '../db/connect';
import type { Tx } from '../db/transaction';

export interface OpContext {
	tx: Tx;
	kind: DatabaseKind;
	device: Device;
	catalog: CatalogSnapshot;
	now: Date;
	opId: string;
	/** Taken in at a counter from a receipt's code: its photos stay on the phone for now. */
	takeIn?: boolean;
	/** How far the sending phone's clock runs behind the server's (ms). */
	clockSkewMs?: number;
}

export interface Outcome {
	status: OpStatus;
	reply: OpReply;
	/** Whether a retry of this op gets this same answer (false: the device may fix and resend it). */
	final: boolean;
	/** Writes the op still owes, whose results it does not read: sent with its stored reply. */
	writes?: CompiledQuery[];
}

export function rejected(code: string, message: string, fields: FieldProblem[] = []): Outcome {
	return { status: 'rejected', reply: { code, message, fields }, final: true };
}

export function conflict(code: string, message: string, alternatives?: string[]): Outcome {
	return {
		status: 'conflict',
		reply: { code, message, ...(alternatives ? { alternatives } : {}) },
		final: true
	};
}
