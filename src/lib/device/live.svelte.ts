import { liveQuery } from 'dexie';

/**
 * A Dexie query kept current in a rune: the value changes whenever the data it read changes.
 * Dexie's observable is subscribed to in an effect; what the query depends on is read by `deps`
 * inside that effect (the query itself runs later, where runes do not track), so a change of it
 * subscribes again with the new value.
 */
export class Live<T, D = void> {
	value = $state.raw<T | undefined>(undefined);
	loaded = $state(false);

	constructor(query: (deps: D) => Promise<T>, deps: () => D = () => undefined as D) {
		$effect(() => {
			const on = deps();
			this.loaded = false;
			const subscription = liveQuery(() => query(on)).subscribe({
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
