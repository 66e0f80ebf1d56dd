import { readFileSync, readdirSync } from 'node:fs';

// CPU time (ms, user + system) that processes have used so far, read from Linux's /proc: a process
// and its children (a server's worker processes), or every PostgreSQL backend on the machine; null
// where /proc cannot be read. A process that has ended counts no more.

/** Linux counts CPU time in ticks of 1/100 s. */
const TICK_MS = 10;

function stat(pid: number): { ppid: number; name: string; ms: number } | null {
	try {
		const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
		const close = text.lastIndexOf(')');
		const fields = text.slice(close + 2).split(' ');
		return {
			name: text.slice(text.indexOf('(') + 1, close),
			ppid: Number(fields[1]),
			ms: (Number(fields[11]) + Number(fields[12])) * TICK_MS
		};
	} catch {
		return null;
	}
}

function processes() {
	try {
		return readdirSync('/proc')
			.filter((name) => /^\d+$/.test(name))
			.flatMap((name) => {
				const s = stat(Number(name));
				return s ? [{ pid: Number(name), ...s }] : [];
			});
	} catch {
		return null;
	}
}

/** The process `pid` and all its descendants. */
export function treeCpuMs(pid: number): number | null {
	const all = processes();
	if (!all) return null;
	const tree = new Set([pid]);
	for (let grew = true; grew;) {
		grew = false;
		for (const p of all) {
			if (!tree.has(p.pid) && tree.has(p.ppid)) grew = tree.add(p.pid).size > 0;
		}
	}
	return all.filter((p) => tree.has(p.pid)).reduce((sum, p) => sum + p.ms, 0);
}

/** The backends of the PostgreSQL server(s) on this machine: the processes its postmaster started. */
export function postgresCpuMs(): number | null {
	const all = processes();
	if (!all) return null;
	const postmasters = new Set(
		all.filter((p) => p.name === 'postgres' && p.ppid === 1).map((p) => p.pid)
	);
	return all.filter((p) => postmasters.has(p.ppid)).reduce((sum, p) => sum + p.ms, 0);
}

/** This process's own CPU time. */
export function ownCpuMs(): number {
	const { user, system } = process.cpuUsage();
	return (user + system) / 1000;
}

/** CPU time so far (ms) of this process, a server's processes and PostgreSQL; NaN where unreadable. */
export interface CpuReading {
	client: number;
	server: number;
	database: number;
}

export function cpuReading(serverPid: number): CpuReading {
	return {
		client: ownCpuMs(),
		server: treeCpuMs(serverPid) ?? NaN,
		database: postgresCpuMs() ?? NaN
	};
}
