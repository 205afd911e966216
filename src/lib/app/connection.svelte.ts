/** Whether the browser believes it is online; kept current by the online and offline events. */
export const connection = $state({ online: true });

let watching = false;

export function watchConnection() {
	if (watching || typeof window === 'undefined') return;
	watching = true;
	connection.online = navigator.onLine;
	addEventListener('online', () => (connection.online = true));
	addEventListener('offline', () => (connection.online = false));
}
