import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE = `http://127.0.0.1:${PORT}`;

export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

/** Debian's Chromium, started the way this machine allows (no sandbox, no background traffic). */
export function launchChromium(): Promise<Browser> {
	return chromium.launch({
		executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium',
		args: [
			'--no-sandbox',
			'--disable-gpu',
			'--disable-background-networking',
			'--disable-component-update',
			'--disable-sync',
			'--no-first-run',
			'--disable-quic'
		]
	});
}

/** A fresh context at phone size, with touch, recording every request it makes. */
export async function phoneContext(
	browser: Browser,
	viewport = PHONE
): Promise<{ context: BrowserContext; page: Page; requests: string[] }> {
	const context = await browser.newContext({
		viewport,
		hasTouch: viewport === PHONE,
		isMobile: viewport === PHONE,
		deviceScaleFactor: viewport === PHONE ? 2 : 1
	});
	const requests: string[] = [];
	context.on('request', (r) => requests.push(r.url()));
	const page = await context.newPage();
	return { context, page, requests };
}
