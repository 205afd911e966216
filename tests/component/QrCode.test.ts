import { render, screen } from '@testing-library/svelte';
import { describe, expect, it } from 'vitest';
import QrCode from '$lib/components/QrCode.svelte';

/** Only the commands the component draws with: a move, then a run of modules as a rectangle. */
const RUNS = /^(M\d+ \d+h\d+v1h-\d+z)+$/;

function svgOf(text: string, label = 'QR code of the result') {
	const { container } = render(QrCode, { props: { text, label } });
	return { container, svg: container.querySelector('svg') };
}

describe('QrCode', () => {
	it('draws a 1,000-character text as an image named by its label', () => {
		const { svg } = svgOf('A'.repeat(500) + 'b'.repeat(500), 'Your result as a QR code');
		const image = screen.getByRole('img', { name: 'Your result as a QR code' });
		expect(image).toBe(svg);
		expect(Number(image.getAttribute('data-version'))).toBeGreaterThan(0);
		expect(Number(image.getAttribute('data-version'))).toBeLessThanOrEqual(40);
		expect(screen.queryByText(/too long for a QR code/)).not.toBeInTheDocument();
	});

	it('draws dark modules as one path of rectangles within the symbol', () => {
		const { svg } = svgOf('https://byline.example/assignment#BA1.payload.check');
		const size = Number(svg!.getAttribute('viewBox')!.split(' ')[2]);
		expect(size).toBeGreaterThan(20);
		const d = svg!.querySelector('path')!.getAttribute('d')!;
		expect(d).toMatch(RUNS);
		for (const [, x, y, w] of d.matchAll(/M(\d+) (\d+)h(\d+)/g)) {
			expect(Number(x) + Number(w)).toBeLessThanOrEqual(size);
			expect(Number(y)).toBeLessThan(size);
		}
	});

	it('says the text is too long for a QR code when it is, and draws nothing', () => {
		const { svg } = svgOf('x'.repeat(5_000));
		expect(svg).toBeNull();
		expect(screen.queryByRole('img')).not.toBeInTheDocument();
		expect(
			screen.getByText('This is too long for a QR code: copy the text instead.')
		).toBeVisible();
	});

	it('draws text holding markup as modules, never as markup', () => {
		const hostile = '<script>alert("x")</script><img src=x onerror=alert(1)>"\' & </svg>';
		const { container, svg } = svgOf(hostile, 'A code');
		expect(container.querySelector('script')).toBeNull();
		expect(container.querySelector('img')).toBeNull();
		expect(svg!.querySelectorAll('path')).toHaveLength(1);
		expect(svg!.querySelector('path')!.getAttribute('d')).toMatch(RUNS);
		expect(container.innerHTML).not.toContain('alert');
	});

	it('shows a label holding markup as the label, as text', () => {
		svgOf('text', '<b>bold</b> "label"');
		expect(screen.getByRole('img', { name: '<b>bold</b> "label"' })).toBeInTheDocument();
		expect(document.querySelector('b')).toBeNull();
	});
});
