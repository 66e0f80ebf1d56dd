import { m } from '$lib/paraglide/messages';

export interface AgentInfo {
	name: string;
	pointId: string | null;
}

/** The proxy agent signed in on this device, if any: applications then carry the agent. */
class AgentSession {
	agent = $state<AgentInfo | null>(null);

	async load(): Promise<void> {
		const { getMeta } = await import('./db');
		this.agent = (await getMeta<AgentInfo>('agent')) ?? null;
	}

	/** Signs the device in as an agent's; refused while anything of the old identity waits. */
	async signIn(username: string, password: string): Promise<string | null> {
		const { deviceDb, setMeta } = await import('./db');
		if (await deviceDb.outbox.count()) return m.agent_outbox_not_empty();
		const response = await fetch('/api/devices', {
			method: 'POST',
			headers: { 'content-type': 'application/json' },
			body: JSON.stringify({ agent: { username, password } })
		});
		const body = await response.json().catch(() => null);
		if (!response.ok) return body?.error?.message ?? `HTTP ${response.status}`;
		await setMeta('device', { deviceId: body.deviceId, token: body.token });
		await setMeta('agent', body.agent);
		await setMeta('cursor', 0);
		this.agent = body.agent;
		return null;
	}
}

export const agentSession = new AgentSession();
