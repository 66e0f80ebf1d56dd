/** The reader's position, asked for only when they choose to sort by distance. */
class DeviceLocation {
	position = $state<{ lat: number; lng: number } | null>(null);
	status = $state<'idle' | 'locating' | 'ready' | 'denied'>('idle');

	locate(): void {
		if (!navigator.geolocation) {
			this.status = 'denied';
			return;
		}
		this.status = 'locating';
		navigator.geolocation.getCurrentPosition(
			(p) => {
				this.position = { lat: p.coords.latitude, lng: p.coords.longitude };
				this.status = 'ready';
			},
			() => (this.status = 'denied'),
			{ enableHighAccuracy: false, timeout: 15_000, maximumAge: 300_000 }
		);
	}
}

export const deviceLocation = new DeviceLocation();
