import type { Insertable, Kysely } from 'kysely';
import type { Point } from '$lib/catalog/types';
import type { Database, UserTable } from '../db/schema';
import { GIVEN, picker, SURNAMES } from './seeded-random';

/** How residents rate, on the whole: mostly well, 6 % poor. */
const STARS = [
	[5, 0.7],
	[4, 0.18],
	[3, 0.06],
	[2, 0.03],
	[1, 0.03]
] as const;
/** Clerks who complete applications at a town centre; other points have one. */
const CLERKS_AT_CENTRE = 4;

export interface Clerk {
	id: string;
	username: string;
	/** Picks the stars of a rating of this clerk's work: some clerks get more poor ones. */
	stars: () => number;
}

/**
 * The clerks of each point: its staff accounts, made up to the number with generated ones that
 * can never sign in (no password, disabled).
 */
export async function historyClerks(
	db: Kysely<Database>,
	points: Point[],
	random: () => number,
	now: Date,
	idPrefix: string
): Promise<Map<string, Clerk[]>> {
	const staff = await db
		.selectFrom('users')
		.select(['id', 'username', 'point_id'])
		.where('role', 'in', ['staff', 'agent'])
		.where('id', 'not like', `${idPrefix}%`)
		.execute();
	const generated: Insertable<UserTable>[] = [];
	const out = new Map<string, Clerk[]>();
	let n = 0;
	for (const p of points) {
		const clerks = staff
			.filter((u) => u.point_id === p.id)
			.map((u) => ({ id: u.id, username: u.username }));
		for (let k = clerks.length; k < (p.kind === 'centre' ? CLERKS_AT_CENTRE : 1); k++) {
			const id = `${idPrefix}clerk-${p.id}-${k + 1}`;
			clerks.push({ id, username: id });
			n++;
			generated.push({
				id,
				username: id,
				display_name: `${SURNAMES[(n * 7) % SURNAMES.length]}${GIVEN[(n * 11) % GIVEN.length]}${k % 2 ? GIVEN[(n * 5) % GIVEN.length] : ''}`,
				role: p.kind === 'proxy' ? 'agent' : 'staff',
				point_id: p.id,
				password_hash: '!',
				disabled: 1,
				created_at: now.toISOString()
			});
		}
		out.set(
			p.id,
			clerks.map((c) => {
				const poorer = 0.4 + random() * 1.2;
				const stars = picker([...STARS], ([k, w]) => (k <= 2 ? w * poorer : w), random);
				return { ...c, stars: () => stars()[0] };
			})
		);
	}
	if (generated.length) {
		await db
			.insertInto('users')
			.values(generated)
			.onConflict((oc) => oc.column('id').doNothing())
			.execute();
	}
	return out;
}
