/** What the settings page shows about how safe progress is on this device. */
export interface StorageStatus {
	/** null where the browser cannot say. */
	persisted: boolean | null;
	usage: number | null;
	quota: number | null;
}

export async function storageStatus(): Promise<StorageStatus> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	const [persisted, estimate] = await Promise.all([
		storage?.persisted?.().catch(() => null) ?? null,
		storage?.estimate?.().catch(() => null) ?? null
	]);
	return { persisted, usage: estimate?.usage ?? null, quota: estimate?.quota ?? null };
}

/**
 * Asks the browser to keep Byline's data when space runs low. Called once a student has
 * something worth keeping (a finished quiz), not on first load. Returns whether it is persistent.
 */
export async function requestPersistence(): Promise<boolean | null> {
	const storage = typeof navigator !== 'undefined' ? navigator.storage : undefined;
	if (!storage?.persist) return null;
	try {
		if (await storage.persisted()) return true;
		return await storage.persist();
	} catch {
		return null;
	}
}

/** iPhone and iPad Safari clear site data after 7 days unused unless the app is on the home screen. */
export function isIos(): boolean {
	if (typeof navigator === 'undefined') return false;
	return (
		/iPad|iPhone|iPod/.test(navigator.userAgent) ||
		(navigator.platform === 'MacIntel' && navigator.maxTouchPoints > 1)
	);
}

export function isStandalone(): boolean {
	return typeof matchMedia !== 'undefined' && matchMedia('(display-mode: standalone)').matches;
}

export function formatBytes(bytes: number): string {
	if (bytes < 1024) return `${bytes} B`;
	if (bytes < 1024 ** 2) return `${(bytes / 1024).toFixed(0)} KB`;
	if (bytes < 1024 ** 3) return `${(bytes / 1024 ** 2).toFixed(1)} MB`;
	return `${(bytes / 1024 ** 3).toFixed(1)} GB`;
}
