import type { NationalCalendar } from '$lib/catalog/types';
import type { Tx } from '../db/transaction';
import { affectedBookings, listAffectedBookings } from './affected-bookings';
import { readCatalogDocument } from './rows';
import { versionInForce } from './version-in-force';
import { markWithdrawnSlots } from './withdrawn-slots';

/**
 * After a change to the calendar, as after a publication: bookings still to come on a day it now
 * closes are listed for their centre to call (under the catalogue version in force) and their
 * phones told; those on a day it opens again are given back. Returns how many it takes back.
 */
export async function recheckBookingsForCalendar(
	tx: Tx,
	before: NationalCalendar,
	after: NationalCalendar,
	now: Date
): Promise<number> {
	const doc = await readCatalogDocument(tx);
	const affected = await affectedBookings(tx, doc, doc, before, now, after);
	await markWithdrawnSlots(tx, affected, doc, after, now);
	if (affected.length) {
		const { version } = await versionInForce(tx, doc, now);
		await listAffectedBookings(tx, version, affected);
	}
	return affected.length;
}
