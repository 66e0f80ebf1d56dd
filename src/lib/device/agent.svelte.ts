import { deviceStoreExists } from './store-exists';

export interface AgentInfo {
	name: string;
	pointId: string | null;
	/** Who signed in, so that only they may sign in again over what waits in the outbox. */
	username?: string;
}

/**
 * The proxy agent signed in on this device, if any: applications then carry the agent. Signing in
 * and out is in `agent-sign-in.ts`, loaded by the page that does it.
 */
class AgentSession {
	agent = $state<AgentInfo | null>(null);
	/** The server ended the agent's sign-in on this device: they must sign in again. */
	signedOut = $state(false);

	async load(): Promise<void> {
		if (!(await deviceStoreExists())) {
			this.agent = null;
			this.signedOut = false;
			return;
		}
		const { getMeta } = await import('./db');
		this.agent = (await getMeta<AgentInfo>('agent')) ?? null;
		this.signedOut = !!this.agent && !(await getMeta('device'));
	}
}

export const agentSession = new AgentSession();
