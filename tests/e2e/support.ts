import { afterAll, beforeAll, expect } from 'vitest';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import {
	chromium,
	type Browser,
	type BrowserContext,
	type Locator,
	type Page
} from 'playwright-core';

export const PORT = Number(process.env.E2E_PORT ?? 4173);
export const BASE = `http://127.0.0.1:${PORT}`;

export const PHONE = { width: 360, height: 640 };
export const DESKTOP = { width: 1280, height: 800 };

const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';

/**
 * Debian's Chromium, started the way this machine allows (no sandbox, no background traffic),
 * with any further switches.
 */
export function launchChromium(extraArgs: readonly string[] = []): Promise<Browser> {
	return chromium.launch({ executablePath: CHROMIUM, args: [...CHROMIUM_ARGS, ...extraArgs] });
}

/** A Chromium with a real profile on disk: installing an app is refused in a throwaway one. */
export async function launchWithProfile(userDataDir: string): Promise<BrowserContext> {
	const context = await chromium.launchPersistentContext(userDataDir, {
		executablePath: CHROMIUM,
		args: CHROMIUM_ARGS,
		viewport: PHONE
	});
	watchCsp(context);
	return context;
}

const CHROMIUM_ARGS = [
	'--no-sandbox',
	'--disable-gpu',
	'--disable-background-networking',
	'--disable-component-update',
	'--disable-sync',
	'--no-first-run',
	'--disable-quic'
];

/** Every request any test made to another origin: each test file asserts it stays empty. */
export const foreignRequests: string[] = [];

/** Every Content-Security-Policy violation any page reported: each test file asserts none. */
export const cspViolations: string[] = [];

/** Records what the browser says when the page's CSP refuses something. */
export function watchCsp(context: BrowserContext) {
	context.on('console', (message) => {
		const text = message.text();
		if (/Content Security Policy/i.test(text))
			cspViolations.push(`${message.location().url}: ${text}`);
	});
	context.on('weberror', (error) => {
		if (/Content Security Policy/i.test(String(error.error())))
			cspViolations.push(String(error.error()));
	});
}

function isOwnOrigin(url: string): boolean {
	return /^(https?:\/\/127\.0\.0\.1:\d+\/|data:|blob:)/.test(url);
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
	watchCsp(context);
	const requests: string[] = [];
	context.on('request', (r) => {
		requests.push(r.url());
		if (!isOwnOrigin(r.url())) foreignRequests.push(r.url());
	});
	const page = await context.newPage();
	return { context, page, requests };
}

/** A locator's text, trimmed, for polling assertions. */
export async function textOf(locator: Locator): Promise<string> {
	return ((await locator.first().textContent()) ?? '').trim().replace(/\s+/g, ' ');
}

const axeSource = readFileSync(
	createRequire(import.meta.url).resolve('axe-core/axe.min.js'),
	'utf8'
);

export interface AxeViolation {
	id: string;
	impact: string | null;
	help: string;
	nodes: { target: string[] }[];
}

/** Runs axe-core on the page as it is now: WCAG 2.2 A and AA rules plus best practices. */
export async function axeViolations(page: Page): Promise<string[]> {
	// Evaluated through the debugging protocol, not added as an inline <script>: the page's CSP
	// refuses inline scripts, and must go on refusing them while the checker runs.
	await page.evaluate(axeSource);
	const violations = await page.evaluate(async () => {
		const axe = (
			window as unknown as {
				axe: { run: (...a: unknown[]) => Promise<{ violations: AxeViolation[] }> };
			}
		).axe;
		const result = await axe.run(document, {
			runOnly: {
				type: 'tag',
				values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']
			}
		});
		return result.violations;
	});
	return violations.map(
		(v) =>
			`${v.id} (${v.impact}): ${v.help} at ${v.nodes.map((n) => n.target.join(' ')).join(', ')}`
	);
}

/**
 * One Chromium for a test file, closed after it; and, after it, the check that no page in the
 * file asked another origin for anything.
 */
export function useBrowser(): { readonly browser: Browser } {
	const state = {} as { browser: Browser };
	beforeAll(async () => {
		state.browser = await launchChromium();
	});
	afterAll(async () => {
		await state.browser?.close();
		expect(foreignRequests).toEqual([]);
		expect(cspViolations).toEqual([]);
	});
	return {
		get browser() {
			return state.browser;
		}
	};
}
