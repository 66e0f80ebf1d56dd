import { m } from '$lib/paraglide/messages';

export interface AgentInfo {
	name: string;
	pointId: string | null;
	/** Who signed in, so that only they may sign in again over what waits in the outbox. */
	username?: string;
}

/** The proxy agent signed in on this device, if any: applications then carry the agent. */
class AgentSession {
	agent = $state<AgentInfo | null>(null);
	/** The server ended the agent's sign-in on this device: they must sign in again. */
	signedOut = $state(false);

	async load(): Promise<void> {
		const { getMeta } = await import('./db');
		this.agent = (await getMeta<AgentInfo>('agent')) ?? null;
		this.signedOut = !!this.agent && !(await getMeta('device'));
	}

	/**
	 * Signs the device in as an agent's; refused while anything of another identity waits (the
	 * same agent may sign in again over their own queue after the server ended their sign-in).
	 */
	async signIn(username: string, password: string): Promise<string | null> {
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
		this.agent = agent;
		this.signedOut = false;
		const { outboxSync } = await import('./outbox-sync.svelte');
		void outboxSync.sendNow();
		return null;
	}
}

export const agentSession = new AgentSession();
