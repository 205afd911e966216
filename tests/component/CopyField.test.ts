import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, describe, expect, it, vi } from 'vitest';
import CopyField from '$lib/components/CopyField.svelte';

const CODE = 'BR1.eJyrVkrLz1eyUkpKLFKqBQAdegQ0.AbCd_-12';

function mount(text = CODE) {
	render(CopyField, { props: { text, label: 'Your result code', id: 'result-code' } });
	return {
		field: screen.getByLabelText('Your result code') as HTMLTextAreaElement,
		copy: screen.getByRole('button', { name: 'Copy' }),
		status: screen.getByRole('status')
	};
}

/** The browser's clipboard, as the test wants it to behave. */
function clipboard(writeText: (text: string) => Promise<void>) {
	const spy = vi.fn(writeText);
	Object.defineProperty(navigator, 'clipboard', { value: { writeText: spy }, configurable: true });
	return spy;
}

afterEach(() => {
	Reflect.deleteProperty(navigator, 'clipboard');
});

describe('CopyField', () => {
	it('holds the whole text, read-only, under its label', () => {
		const { field, status } = mount();
		expect(field.tagName).toBe('TEXTAREA');
		expect(field).toHaveValue(CODE);
		expect(field).toHaveAttribute('readonly');
		expect(field.readOnly).toBe(true);
		expect(field.id).toBe('result-code');
		expect(status).toHaveTextContent('');
	});

	it('keeps text holding markup as text', () => {
		const hostile = '<script>alert(1)</script>';
		const { field } = mount(hostile);
		expect(field).toHaveValue(hostile);
		expect(document.querySelector('script')).toBeNull();
	});

	it('copies the text to the clipboard and says so', async () => {
		const writeText = clipboard(async () => {});
		const { copy, status } = mount();
		await fireEvent.click(copy);
		await vi.waitFor(() => expect(status).toHaveTextContent('Copied.'));
		expect(writeText).toHaveBeenCalledTimes(1);
		expect(writeText).toHaveBeenCalledWith(CODE);
	});

	it('selects the text to copy by hand when the browser refuses, and says so', async () => {
		const writeText = clipboard(async () => {
			throw new DOMException('Not allowed', 'NotAllowedError');
		});
		const { field, copy, status } = mount();
		await fireEvent.click(copy);
		await vi.waitFor(() => expect(status).toHaveTextContent(/did not let Byline copy/));
		expect(status).not.toHaveTextContent('Copied.');
		expect(writeText).toHaveBeenCalledWith(CODE);
		expect(field).toHaveFocus();
		expect(field.selectionStart).toBe(0);
		expect(field.selectionEnd).toBe(CODE.length);
	});

	it('selects the text when there is no clipboard at all', async () => {
		const { field, copy, status } = mount();
		await fireEvent.click(copy);
		await vi.waitFor(() => expect(status).toHaveTextContent(/did not let Byline copy/));
		expect(field).toHaveFocus();
		expect(field.selectionEnd).toBe(CODE.length);
	});
});
