import { describe, expect, it } from 'vitest';
import { shortcutFor } from '$lib/components/shortcuts';

/**
 * A key press as `shortcutFor` reads it. The unit project runs in Node, with no DOM: a plain
 * object with the fields it reads stands in for the event and its target.
 */
function press(
	key: string,
	options: {
		target?: { tagName: string; type?: string; isContentEditable?: boolean } | null;
		repeat?: boolean;
		altKey?: boolean;
		ctrlKey?: boolean;
		metaKey?: boolean;
		shiftKey?: boolean;
		defaultPrevented?: boolean;
	} = {}
): KeyboardEvent {
	return {
		key,
		repeat: false,
		altKey: false,
		ctrlKey: false,
		metaKey: false,
		shiftKey: false,
		defaultPrevented: false,
		target: { tagName: 'BODY', isContentEditable: false },
		...options
	} as unknown as KeyboardEvent;
}

const input = (type: string) => ({ tagName: 'INPUT', type, isContentEditable: false });
const element = (tagName: string) => ({ tagName, isContentEditable: false });

describe('shortcutFor', () => {
	it('picks options 1 to 9 by their place, counting from 0', () => {
		for (let n = 1; n <= 9; n++)
			expect(shortcutFor(press(String(n)))).toEqual({ kind: 'option', index: n - 1 });
	});

	it('checks or moves on with Enter', () => {
		expect(shortcutFor(press('Enter'))).toEqual({ kind: 'submit' });
		expect(shortcutFor(press('Enter', { target: element('DIV') }))).toEqual({ kind: 'submit' });
	});

	it('takes a key press with no target', () => {
		expect(shortcutFor(press('3', { target: null }))).toEqual({ kind: 'option', index: 2 });
		expect(shortcutFor(press('Enter', { target: null }))).toEqual({ kind: 'submit' });
	});

	it('ignores 0, letters and other keys', () => {
		for (const key of ['0', 'a', 'Z', 'n', ' ', 'Tab', 'Escape', 'ArrowDown', 'F1', '10', '¹'])
			expect(shortcutFor(press(key)), key).toBeNull();
	});

	it('ignores a key held down', () => {
		expect(shortcutFor(press('1', { repeat: true }))).toBeNull();
		expect(shortcutFor(press('Enter', { repeat: true }))).toBeNull();
	});

	it('ignores a key pressed with Alt, Ctrl or Meta', () => {
		for (const modifier of ['altKey', 'ctrlKey', 'metaKey'] as const) {
			expect(shortcutFor(press('2', { [modifier]: true })), modifier).toBeNull();
			expect(shortcutFor(press('Enter', { [modifier]: true })), modifier).toBeNull();
		}
	});

	it('ignores a key press something else has already handled', () => {
		expect(shortcutFor(press('1', { defaultPrevented: true }))).toBeNull();
		expect(shortcutFor(press('Enter', { defaultPrevented: true }))).toBeNull();
	});

	it('leaves digits and Enter to a field being typed in', () => {
		const fields = [
			input('text'),
			input('number'),
			input('date'),
			input('search'),
			element('TEXTAREA'),
			element('SELECT'),
			{ tagName: 'DIV', isContentEditable: true },
			{ tagName: 'P', isContentEditable: true }
		];
		for (const target of fields) {
			const what = `${target.tagName} ${'type' in target ? target.type : ''}`;
			expect(shortcutFor(press('1', { target })), what).toBeNull();
			expect(shortcutFor(press('9', { target })), what).toBeNull();
			expect(shortcutFor(press('Enter', { target })), what).toBeNull();
		}
	});

	it('leaves Enter to a button, a link or a summary, which it already presses', () => {
		for (const tag of ['BUTTON', 'A', 'SUMMARY'])
			expect(shortcutFor(press('Enter', { target: element(tag) })), tag).toBeNull();
	});

	it('still picks by digit on a button, a link or a summary', () => {
		for (const tag of ['BUTTON', 'A', 'SUMMARY'])
			expect(shortcutFor(press('4', { target: element(tag) })), tag).toEqual({
				kind: 'option',
				index: 3
			});
	});

	it('picks by digit, and checks with Enter, from a radio button or a checkbox', () => {
		for (const type of ['radio', 'checkbox']) {
			expect(shortcutFor(press('2', { target: input(type) })), type).toEqual({
				kind: 'option',
				index: 1
			});
			expect(shortcutFor(press('Enter', { target: input(type) })), type).toEqual({
				kind: 'submit'
			});
		}
	});
});
