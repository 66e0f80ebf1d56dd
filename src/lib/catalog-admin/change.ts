import type { Text } from '$lib/catalog/types';

export type ChangedEntity = 'category' | 'department' | 'town' | 'point' | 'matter' | 'bundle';

/**
 * One difference between two catalogue versions. Values are kept as data, so that the list reads
 * in each reader's language.
 */
export interface CatalogChange {
	entity: ChangedEntity;
	id: string;
	name: Text;
	change: 'added' | 'removed' | 'changed';
	field?: string;
	before?: unknown;
	after?: unknown;
}

/** A slot rule of a point for one matter, as a change names it. */
export interface ServiceValue {
	matter: string;
	matterName: Text;
	slotMinutes: number;
	capacity: number;
	minHoursAhead: number;
	maxDaysAhead: number;
}
