/** Whether the browser believes it has a network, kept current by its online/offline events. */
class Network {
	online = $state(true);

	init(): () => void {
		const update = () => (this.online = navigator.onLine);
		update();
		addEventListener('online', update);
		addEventListener('offline', update);
		return () => {
			removeEventListener('online', update);
			removeEventListener('offline', update);
		};
	}
}

export const network = new Network();
