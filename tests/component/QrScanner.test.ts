import { render, screen } from '@testing-library/svelte';
import userEvent from '@testing-library/user-event';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ReaderUnavailableError, type QrDetector } from '$lib/app/scan';
import QrScanner from '$lib/components/QrScanner.svelte';

/*
 * The scanner with the camera and the detector stood in for: jsdom has neither. What is checked is
 * the scanner's own behaviour: each code reported once, scanning going on, the camera stopped,
 * and what it says when the camera or the reader cannot be had.
 */

/** A camera whose one track records whether it was stopped. */
function fakeCamera() {
	const track = { stop: vi.fn() };
	const stream = { getTracks: () => [track] } as unknown as MediaStream;
	return { track, camera: vi.fn(async () => stream) };
}

/** A detector that sees, frame after frame, what `frames` lists (then nothing). */
function fakeDetector(frames: string[][]): QrDetector {
	let i = 0;
	return {
		detect: vi.fn(async () => (frames[i++] ?? []).map((rawValue) => ({ rawValue })))
	};
}

beforeEach(() => {
	// jsdom plays no video: a frame is always there, and play() does nothing.
	vi.spyOn(HTMLMediaElement.prototype, 'readyState', 'get').mockReturnValue(4);
	vi.spyOn(HTMLMediaElement.prototype, 'play').mockResolvedValue(undefined);
});

afterEach(() => {
	vi.restoreAllMocks();
});

describe('QrScanner', () => {
	it('reports each new code once, keeps scanning, and counts what it read', async () => {
		const { camera, track } = fakeCamera();
		const reader = fakeDetector([
			[],
			['BR1.one'],
			['BR1.one'],
			['BR1.two', 'BR1.one'],
			['BR1.three']
		]);
		const onscan = vi.fn();
		const { unmount } = render(QrScanner, {
			onscan,
			onclose: () => {},
			camera,
			loadDetector: async () => reader,
			interval: 5
		});
		expect(await screen.findByText('Scanned 3 codes. Show the next one.')).toBeInTheDocument();
		expect(onscan.mock.calls.map(([code]) => code)).toEqual(['BR1.one', 'BR1.two', 'BR1.three']);
		expect(camera).toHaveBeenCalledWith(
			expect.objectContaining({ video: expect.objectContaining({ facingMode: 'environment' }) })
		);
		expect(screen.getByRole('status')).toHaveTextContent('Scanned 3 codes');
		expect(track.stop).not.toHaveBeenCalled();
		unmount();
		expect(track.stop).toHaveBeenCalled();
	});

	it('closes with Stop scanning', async () => {
		const { camera } = fakeCamera();
		const onclose = vi.fn();
		render(QrScanner, {
			onscan: () => {},
			onclose,
			camera,
			loadDetector: async () => fakeDetector([]),
			interval: 5
		});
		await screen.findByText('Point the camera at a student’s QR code.');
		await userEvent.click(screen.getByRole('button', { name: 'Stop scanning' }));
		expect(onclose).toHaveBeenCalled();
	});

	it.each([
		['NotAllowedError', /not allowed to use the camera/],
		['NotFoundError', /No camera was found/],
		['NotReadableError', /another app may be using it/],
		['NotSupportedError', /cannot use the camera here/]
	])('says what to do instead when the camera fails with %s', async (name, words) => {
		render(QrScanner, {
			onscan: () => {},
			onclose: () => {},
			camera: () => Promise.reject(new DOMException('no', name)),
			loadDetector: async () => fakeDetector([])
		});
		const alert = await screen.findByRole('alert');
		expect(alert).toHaveTextContent(words);
		expect(alert).toHaveTextContent('Use Paste or Scan a photo instead.');
		expect(screen.getByRole('button', { name: 'Close' })).toBeInTheDocument();
	});

	it('turns the camera off and says so when the reader cannot be loaded', async () => {
		const { camera, track } = fakeCamera();
		render(QrScanner, {
			onscan: () => {},
			onclose: () => {},
			camera,
			loadDetector: async () => ({
				detect: () => Promise.reject(new ReaderUnavailableError())
			}),
			interval: 5
		});
		expect(await screen.findByRole('alert')).toHaveTextContent(
			/QR code reader could not be loaded/
		);
		expect(track.stop).toHaveBeenCalled();
	});
});
