import * as v from 'valibot';
import { getMeta, setMeta, deviceDb } from '../db';
import { call } from './transport';

export interface Credentials {
	deviceId: string;
	token: string;
}

const registered = v.object({ deviceId: v.string(), token: v.string() });

/** An agent's device whose token the server refused: the agent must sign in again. */
export class AgentSignedOut extends Error {}

export async function credentials(): Promise<Credentials | undefined> {
	return getMeta<Credentials>('device');
}

/** This device's credentials; a resident's phone registers itself the first time. */
export async function ensureDevice(fetchFn: typeof fetch): Promise<Credentials> {
	const known = await credentials();
	if (known) return known;
	if (await getMeta('agent')) throw new AgentSignedOut('agent signed out');
	const response = await call(fetchFn, '/api/devices', {
		method: 'POST',
		headers: { 'content-length': '0' }
	});
	const created = v.parse(registered, await response.json());
	await setMeta('device', created);
	return created;
}

/**
 * The server refused the token: forget it. A resident's phone registers again at its next
 * request (its queue is sent under the new device); an agent's device waits for the agent to sign
 * in again, keeping everything queued.
 */
export async function forgetDevice(): Promise<void> {
	await deviceDb.transaction('rw', deviceDb.meta, async () => {
		const known = await credentials();
		// An agent who signs in again carries on with this device (its applications stay theirs).
		if (known) await setMeta('previous-device', known.deviceId);
		await deviceDb.meta.delete('device');
		await setMeta('cursor', 0);
	});
}
