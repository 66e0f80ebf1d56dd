import { liveQuery } from 'dexie';

/** A Dexie query kept current in a rune: the value changes whenever the data it read changes. */
export class Live<T> {
	value = $state.raw<T | undefined>(undefined);
	loaded = $state(false);

	constructor(query: () => Promise<T>) {
		$effect(() => {
			const subscription = liveQuery(query).subscribe({
				next: (v) => {
					this.value = v;
					this.loaded = true;
				},
				error: () => (this.loaded = true)
			});
			return () => subscription.unsubscribe();
		});
	}
}
