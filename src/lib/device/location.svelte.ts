/** The reader's position, asked for only when they choose to sort by distance. */
class DeviceLocation {
	position = $state<{ lat: number; lng: number } | null>(null);
	/** `denied`: the reader (or the browser) does not allow it; `unavailable`: it could not be had. */
	status = $state<'idle' | 'locating' | 'ready' | 'denied' | 'unavailable'>('idle');

	locate(): void {
		if (!navigator.geolocation) {
			this.status = 'unavailable';
			return;
		}
		this.status = 'locating';
		navigator.geolocation.getCurrentPosition(
			(p) => {
				this.position = { lat: p.coords.latitude, lng: p.coords.longitude };
				this.status = 'ready';
			},
			(e) => (this.status = e.code === e.PERMISSION_DENIED ? 'denied' : 'unavailable'),
			{ enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 }
		);
	}
}

export const deviceLocation = new DeviceLocation();
