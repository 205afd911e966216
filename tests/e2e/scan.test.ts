import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { Browser } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { StoryBundle } from '../../src/lib/content/model';
import { qrOf } from '../../src/lib/share/qr';
import { fetchBundle } from './quiz-driver';
import { readStore } from './records';
import {
	DESKTOP,
	axeViolations,
	cspViolations,
	foreignRequests,
	launchChromium,
	phoneContext,
	textOf
} from './support';
import { compose, decoded, resultCode } from './teacher-driver';

/**
 * Scanning a student's QR code with the camera, end to end: Chromium's fake camera plays a
 * picture of a real result code's QR code (as a phone held up to the teacher's camera would show
 * it), and the gradebook reads it, opens it and adds it. Chromium on Linux has no
 * BarcodeDetector, so this runs the ZXing reader the gradebook loads in its place.
 */

const WIDTH = 1280;
const HEIGHT = 720;

/** One grey frame in Y4M (4:2:0): the QR code's modules, black on white, as large as fit. */
function y4mOf(text: string): Buffer {
	const qr = qrOf(text);
	if (!qr) throw new Error('The code is too long for a QR code');
	// Four modules of white around the symbol, as a screen shows it.
	const scale = Math.floor(HEIGHT / (qr.size + 8));
	const side = qr.size * scale;
	const left = Math.floor((WIDTH - side) / 2);
	const top = Math.floor((HEIGHT - side) / 2);
	const luma = Buffer.alloc(WIDTH * HEIGHT, 235);
	for (let y = 0; y < side; y++)
		for (let x = 0; x < side; x++)
			if (qr.modules[Math.floor(y / scale)]![Math.floor(x / scale)])
				luma[(top + y) * WIDTH + left + x] = 16;
	const chroma = Buffer.alloc((WIDTH / 2) * (HEIGHT / 2) * 2, 128);
	return Buffer.concat([
		Buffer.from(`YUV4MPEG2 W${WIDTH} H${HEIGHT} F10:1 Ip A1:1 C420jpeg\nFRAME\n`),
		luma,
		chroma
	]);
}

let browser: Browser;
let bundle: StoryBundle;
const dir = mkdtempSync(join(tmpdir(), 'byline-camera-'));
const video = join(dir, 'camera.y4m');

beforeAll(async () => {
	bundle = await fetchBundle();
	// The camera's picture is read when the camera starts, so it can be written after launch.
	browser = await launchChromium([
		'--use-fake-device-for-media-stream',
		'--use-fake-ui-for-media-stream',
		`--use-file-for-fake-video-capture=${video}`
	]);
});
afterAll(async () => {
	await browser?.close();
	rmSync(dir, { recursive: true, force: true });
	// As every test file does: nothing was asked of another origin, nothing broke the CSP.
	expect(foreignRequests).toEqual([]);
	expect(cspViolations).toEqual([]);
});

describe('scanning result codes with the camera', () => {
	it('reads a full-size result code’s QR code off the camera and adds it to the gradebook', async () => {
		const { context, page } = await phoneContext(browser, DESKTOP);
		const composed = await compose(page, { title: 'Scanned in class', category: 'dates' });
		const assignment = decoded(composed.link);
		const all = assignment.questions.length;
		const code = await resultCode(bundle, assignment, 'Ana Lopes', {
			attempt: 1,
			right: all,
			finishedAt: Date.now() - 60_000
		});
		writeFileSync(video, y4mOf(code));

		await page.getByRole('link', { name: 'Results' }).click();
		await page.getByRole('heading', { name: composed.title }).waitFor();
		await page.getByRole('button', { name: 'Scan QR codes' }).click();
		await page
			.getByRole('status')
			.filter({ hasText: /Scanned 1 code/ })
			.waitFor({ timeout: 60_000 });
		await page.getByRole('row', { name: /Ana Lopes/ }).waitFor();
		expect(await textOf(page.getByRole('row', { name: /Ana Lopes/ }).locator('td.total'))).toBe(
			'100%'
		);
		expect(await readStore(page, 'results')).toHaveLength(1);
		expect(await axeViolations(page)).toEqual([]);
		await page.screenshot({ path: 'test-results/scan.png' });
		await page.getByRole('button', { name: 'Stop scanning' }).click();
		// The camera is off once scanning stops.
		await expect
			.poll(() =>
				page.evaluate(() =>
					[...document.querySelectorAll('video')].some(
						(v) => (v.srcObject as MediaStream | null)?.active === true
					)
				)
			)
			.toBe(false);
		console.log(
			`Scanned a result code of ${code.length} characters (QR version ${qrOf(code)?.version}).`
		);
		await context.close();
	});
});
