/** The browser's install offer (Chromium's beforeinstallprompt), kept until the student uses it. */
interface InstallPromptEvent extends Event {
	prompt(): Promise<void>;
	userChoice: Promise<{ outcome: 'accepted' | 'dismissed' }>;
}

export const install = $state<{ available: boolean; installed: boolean }>({
	available: false,
	installed: false
});

let offer: InstallPromptEvent | null = null;
let watching = false;

export function watchInstall() {
	if (watching || typeof window === 'undefined') return;
	watching = true;
	addEventListener('beforeinstallprompt', (event) => {
		event.preventDefault();
		offer = event as InstallPromptEvent;
		install.available = true;
	});
	addEventListener('appinstalled', () => {
		offer = null;
		install.available = false;
		install.installed = true;
	});
}

export async function promptInstall(): Promise<void> {
	if (!offer) return;
	await offer.prompt();
	const { outcome } = await offer.userChoice;
	offer = null;
	install.available = false;
	if (outcome === 'accepted') install.installed = true;
}
