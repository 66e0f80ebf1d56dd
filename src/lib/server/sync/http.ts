import { json } from '@sveltejs/kit';
import * as v from 'valibot';
import { m } from '$lib/paraglide/messages';
import { formatDateTime } from '$lib/format';
import { describeIssues } from '$lib/schemas/issues';
import { MAX_OPS_PER_REQUEST, MAX_SYNC_BYTES, syncRequest } from '$lib/schemas/ops';
import { deviceFromRequest, registerDevice, renewDevice } from '../auth/devices';
import { signIn, type SignInClock } from '../auth/sign-in';
import { currentCatalog } from '../catalog/cache';
import type { Connection } from '../db/connect';
import { readLimited } from '../http/body';
import { apiError, fieldError } from '../http/errors';
import { refuseOverLimit } from '../http/rate-limits';
import { applyOps } from './apply-ops';
import { pullChanges } from './pull';

const noStore = { 'Cache-Control': 'no-store' };
/** How long the catalogue's revision read with a request's device stays current for its ops. */
const REVISION_FRESH_MS = 250;
const unauthorized = () =>
	apiError(401, 'unauthorized', m.err_unauthorized(), [], {
		'WWW-Authenticate': 'Bearer',
		...noStore
	});
const tooLarge = () =>
	fieldError(413, 'too_large', 'ops', m.err_too_large({ count: MAX_OPS_PER_REQUEST }));

const bodyProblem = (status: number, code: string, message: string) =>
	fieldError(status, code, 'body', message);

/**
 * JSON by its type (`application/json`, `…+json`, with a charset or not), or plain text: what a
 * `fetch` with a string body sends unless told otherwise.
 */
const isJson = (type: string) =>
	/^(application\/([\w.-]+\+)?json|text\/plain)\s*(;|$)/i.test(type.trim());

/** Whether the request says a body comes with it. */
const hasBody = (request: Request) =>
	Number(request.headers.get('content-length')) > 0 || request.headers.has('transfer-encoding');

/** The body as JSON, unless sent as another type; `undefined` for an empty one. */
async function readJson(
	request: Request,
	limit: number,
	tooLargeResponse = tooLarge
): Promise<{ ok: true; value: unknown } | { ok: false; response: Response }> {
	const body = await readLimited(request, limit);
	if (!body) return { ok: false, response: tooLargeResponse() };
	const type = request.headers.get('content-type');
	// SvelteKit's Node adapter reads no body sent without a type: said, not taken for none.
	if (!type && !body.byteLength && hasBody(request)) {
		const message = m.err_required({ field: 'Content-Type' });
		return { ok: false, response: fieldError(415, 'unsupported_type', 'Content-Type', message) };
	}
	const text = new TextDecoder().decode(body);
	if (!text.trim()) return { ok: true, value: undefined };
	if (type && !isJson(type)) {
		return {
			ok: false,
			response: fieldError(
				415,
				'unsupported_type',
				'Content-Type',
				m.err_unsupported_type({ type: type.slice(0, 100) })
			)
		};
	}
	try {
		return { ok: true, value: JSON.parse(text) };
	} catch {
		return {
			ok: false,
			response: bodyProblem(400, 'invalid_json', m.err_format({ field: 'body' }))
		};
	}
}

const agentLogin = v.object({
	agent: v.optional(
		v.object({
			username: v.pipe(v.string(), v.nonEmpty(), v.maxLength(100)),
			password: v.pipe(v.string(), v.nonEmpty(), v.maxLength(200)),
			/** The device the agent used before, to carry on with its token renewed. */
			deviceId: v.optional(v.pipe(v.string(), v.uuid()))
		})
	)
});

/** An agent's sign-in is a few hundred bytes. */
const REGISTER_BYTES = 4096;

/** `POST /api/devices`: a device and its token; with an agent's sign-in, the agent's device. */
export async function handleRegisterDevice(
	conn: Connection,
	request: Request,
	clock: SignInClock = {}
): Promise<Response> {
	// No body at all, or an empty one whatever its type: a resident's phone.
	const body = await readJson(request, REGISTER_BYTES, () =>
		bodyProblem(413, 'too_large', m.err_body_too_large({ kb: REGISTER_BYTES / 1024 }))
	);
	if (!body.ok) return body.response;
	const value = body.value === undefined ? {} : body.value;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return bodyProblem(400, 'invalid_input', m.err_format({ field: 'body' }));
	}
	const parsed = v.safeParse(agentLogin, value);
	if (!parsed.success) {
		return apiError(400, 'invalid_input', m.err_invalid_input(), describeIssues(parsed.issues, {}));
	}
	let userId: string | null = null;
	let agent: { name: string; pointId: string | null } | null = null;
	let renewed: { deviceId: string; token: string } | null = null;
	if (parsed.output.agent) {
		const { username, password } = parsed.output.agent;
		const now = clock.now ?? new Date();
		// Staff and admins sign in at /staff/login; their devices are no agent's.
		const result = await signIn(conn.db, username.trim(), password, { ...clock, now }, ['agent']);
		if (!result.ok && result.reason === 'locked') {
			const seconds = Math.max(1, Math.ceil((Date.parse(result.until) - now.getTime()) / 1000));
			const message = m.err_locked({ until: formatDateTime(result.until) });
			return fieldError(429, 'locked', 'username', message, {
				'Retry-After': String(seconds),
				...noStore
			});
		}
		const user = result.ok
			? await conn.db
					.selectFrom('users')
					.select(['role', 'display_name', 'point_id'])
					.where('id', '=', result.userId)
					.executeTakeFirstOrThrow()
			: null;
		if (!result.ok || user?.role !== 'agent')
			return fieldError(401, 'bad_credentials', 'password', m.err_bad_credentials());
		userId = result.userId;
		agent = { name: user.display_name, pointId: user.point_id };
		const previous = parsed.output.agent.deviceId;
		if (previous) renewed = await renewDevice(conn.db, previous, userId);
	}
	return json(
		{ ...(renewed ?? (await registerDevice(conn.db, userId))), agent },
		{ status: 201, headers: noStore }
	);
}

/** `POST /api/sync`: applies the device's ops, each once. */
export async function handleSyncPost(conn: Connection, request: Request): Promise<Response> {
	// The phone reads its clock as it starts sending: compared with when the request began to
	// arrive, not with when a slow upload of its body ended.
	const arrived = Date.now();
	const device = await deviceFromRequest(conn.db, request);
	if (!device) return unauthorized();
	const revisionReadAt = performance.now();
	const limited = await refuseOverLimit('sync', device.id);
	if (limited) return limited;
	const body = await readJson(request, MAX_SYNC_BYTES);
	if (!body.ok) return body.response;
	// No body at all asks for the ops, as `{}` would; one that is no object is named as the body.
	const value = body.value === undefined ? {} : body.value;
	if (!value || typeof value !== 'object' || Array.isArray(value)) {
		return bodyProblem(400, 'invalid_input', m.err_format({ field: 'body' }));
	}
	const parsed = v.safeParse(syncRequest, value);
	if (!parsed.success) {
		// A list of ops that is no fault but its length.
		const tooMany = parsed.issues.some((issue) => v.getDotPath(issue) === 'ops');
		if (tooMany && Array.isArray((value as { ops?: unknown }).ops)) return tooLarge();
		const fields = describeIssues(parsed.issues, { ops: () => 'ops', sentAt: () => 'sentAt' });
		return apiError(400, 'invalid_input', fields[0]?.message ?? m.err_invalid_input(), fields);
	}
	// The catalogue as it is now: the revision read with the device, in the same round trip, unless
	// the body was slow to come (a catalogue published meanwhile would be missed).
	const fresh = performance.now() - revisionReadAt < REVISION_FRESH_MS;
	const { snapshot } = await currentCatalog(conn.db, fresh ? device.catalogRevision : undefined);
	const t0 = performance.now();
	const { sentAt } = parsed.output;
	const results = await applyOps(conn, device, parsed.output.ops, snapshot, undefined, {
		clockSkewMs: sentAt ? phoneClockSkew(sentAt, arrived) : 0
	});
	// How long the ops themselves took, for monitoring and the ingest benchmark.
	const applied = `ops;dur=${(performance.now() - t0).toFixed(1)}`;
	return json({ results }, { headers: { ...noStore, 'Server-Timing': applied } });
}

/** `GET /api/sync?since=<cursor>`: this device's application changes after the cursor. */
export async function handleSyncGet(conn: Connection, request: Request): Promise<Response> {
	const device = await deviceFromRequest(conn.db, request);
	if (!device) return unauthorized();
	const limited = await refuseOverLimit('sync', device.id);
	if (limited) return limited;
	const raw = new URL(request.url).searchParams.get('since') ?? '0';
	if (!/^\d{1,15}$/.test(raw)) {
		return fieldError(400, 'invalid_input', 'since', m.err_format({ field: 'since' }));
	}
	return json(await pullChanges(conn.db, device.id, Number(raw)), { headers: noStore });
}

/**
 * How far the phone's clock runs behind the server's (negative: ahead), from what it read as it
 * sent. Within a minute the difference is the request's way here, not the clock: taken as none.
 */
function phoneClockSkew(sentAt: string, arrived: number): number {
	const skew = arrived - Date.parse(sentAt);
	return Math.abs(skew) < 60_000 ? 0 : skew;
}
