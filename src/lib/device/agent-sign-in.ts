import { m } from '$lib/paraglide/messages';
import { agentSession, type AgentInfo } from './agent.svelte';

/**
 * Signs the device in as an agent's; refused while anything of another identity waits (the
 * same agent may sign in again over their own queue after the server ended their sign-in).
 */
export async function signInAgent(username: string, password: string): Promise<string | null> {
	const { deviceDb, getMeta, setMeta } = await import('./db');
	const current = await getMeta<AgentInfo>('agent');
	const sameAgent = !!current && current.username === username && !(await getMeta('device'));
	if (!sameAgent && (await deviceDb.outbox.count())) return m.agent_outbox_not_empty();
	const response = await fetch('/api/devices', {
		method: 'POST',
		headers: { 'content-type': 'application/json' },
		body: JSON.stringify({
			agent: {
				username,
				password,
				...(sameAgent ? { deviceId: await getMeta<string>('previous-device') } : {})
			}
		})
	});
	const body = await response.json().catch(() => null);
	if (!response.ok) return body?.error?.message ?? `HTTP ${response.status}`;
	await setMeta('device', { deviceId: body.deviceId, token: body.token });
	const agent: AgentInfo = { ...body.agent, username };
	await setMeta('agent', agent);
	await setMeta('cursor', 0);
	agentSession.agent = agent;
	agentSession.signedOut = false;
	const { outboxSync } = await import('./outbox-sync.svelte');
	void outboxSync.sendNow();
	return null;
}

/**
 * Signs the agent out of this device, which may be shared: refused while anything waits to be
 * sent; the residents' applications and drafts made here are cleared with it.
 */
export async function signOutAgent(): Promise<string | null> {
	const { deviceDb } = await import('./db');
	const waiting = await deviceDb.outbox.count();
	if (waiting) return m.agent_sign_out_waiting({ count: waiting });
	const name = agentSession.agent?.name;
	await deviceDb.transaction(
		'rw',
		[deviceDb.meta, deviceDb.applications, deviceDb.drafts, deviceDb.blobs],
		async () => {
			for (const key of ['device', 'agent', 'previous-device', 'cursor'])
				await deviceDb.meta.delete(key);
			if (name) await deviceDb.applications.filter((a) => a.agent === name).delete();
			await deviceDb.drafts.clear();
			await deviceDb.blobs.clear();
		}
	);
	agentSession.agent = null;
	agentSession.signedOut = false;
	return null;
}
