import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
	evidenceHash,
	findPassage,
	HEADLINE,
	textAt,
	foldWhitespace,
	occursIn,
	quoteFromHash,
	markPassages,
	besides,
	notedPassages,
	sentenceAround
} from '$lib/content/evidence';
import type { Source } from '$lib/content/model';

const source: Source = {
	id: 'alpha-news',
	outlet: 'Alpha',
	outletName: 'Alpha News',
	headline: 'Prime minister expels   diplomats; ministry condemns decision',
	published: '2022-09-07',
	url: null,
	credit: 'Credit',
	paragraphs: [
		'On September 7, the prime minister announced the expulsion of all diplomats.',
		'The ministry called it “an ill-considered   and hasty decision”… based on unfounded insinuations.',
		'Relations worsened after the country agreed in 2013\nto accept around 3,000 members.',
		'The prime minister said it again.'
	]
};

describe('foldWhitespace', () => {
	it('folds every run of whitespace to one space and trims the ends', () => {
		expect(foldWhitespace('  a \n\n b\t\tc\r\nd  ')).toBe('a b c d');
		expect(foldWhitespace('a\u00a0\u00a0b')).toBe('a b');
		expect(foldWhitespace(' \n\t ')).toBe('');
	});

	it('leaves text without runs of whitespace alone', () => {
		expect(foldWhitespace('“Quoted” – text… here.')).toBe('“Quoted” – text… here.');
	});

	it('is idempotent and never leaves two spaces together', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (s) => {
				const once = foldWhitespace(s);
				expect(foldWhitespace(once)).toBe(once);
				expect(once).not.toMatch(/\s\s|^\s|\s$/);
			})
		);
	});
});

describe('findPassage', () => {
	it('finds a quote in the paragraph it stands in, with its place in the folded text', () => {
		const passage = findPassage(source, 'announced the expulsion');
		expect(passage).toEqual({
			paragraph: 0,
			start: source.paragraphs[0]!.indexOf('announced'),
			end: source.paragraphs[0]!.indexOf('announced') + 'announced the expulsion'.length
		});
	});

	it('matches across whitespace differences in either the quote or the paragraph', () => {
		const inQuote = findPassage(source, 'the\nprime   minister announced');
		expect(inQuote?.paragraph).toBe(0);
		const inParagraph = findPassage(source, 'an ill-considered and hasty decision');
		expect(inParagraph?.paragraph).toBe(1);
		const lineBreak = findPassage(source, 'in 2013 to accept');
		expect(lineBreak?.paragraph).toBe(2);
	});

	it('measures start and end in the folded paragraph, so a line break before the quote does not shift it', () => {
		const paragraph = foldWhitespace(source.paragraphs[2]!);
		const passage = findPassage(source, 'around 3,000')!;
		expect(paragraph.slice(passage.start, passage.end)).toBe('around 3,000');
	});

	it('returns the first paragraph when a quote stands in several', () => {
		expect(findPassage(source, 'prime minister')?.paragraph).toBe(0);
	});

	it('finds a quote in the headline, placed in the folded headline', () => {
		const passage = findPassage(source, 'expels diplomats; ministry condemns')!;
		expect(passage.paragraph).toBe(HEADLINE);
		const folded = foldWhitespace(source.headline);
		expect(folded.slice(passage.start, passage.end)).toBe('expels diplomats; ministry condemns');
		expect(textAt(source, HEADLINE)).toBe(source.headline);
		expect(occursIn(source, 'ministry condemns decision')).toBe(true);
	});

	it('prefers a paragraph to the headline when a quote stands in both', () => {
		expect(foldWhitespace(source.headline)).toContain('diplomats');
		expect(findPassage(source, 'diplomats')?.paragraph).toBe(0);
	});

	it('does not find a quote that runs from the headline into the first paragraph', () => {
		expect(findPassage(source, 'condemns decision On September 7')).toBeNull();
	});

	it('does not find a quote that runs across a paragraph break', () => {
		expect(findPassage(source, 'all diplomats. The ministry called it')).toBeNull();
	});

	it('does not forgive case, punctuation or straight quotes for curly ones', () => {
		expect(findPassage(source, 'The Prime Minister announced')).toBeNull();
		expect(findPassage(source, 'On September 7 the prime minister')).toBeNull();
		expect(findPassage(source, '"an ill-considered and hasty decision"')).toBeNull();
		expect(findPassage(source, 'hasty decision”...')).toBeNull();
		expect(findPassage(source, 'hasty decision”…')).not.toBeNull();
	});

	it('finds nothing for an empty or blank quote', () => {
		expect(findPassage(source, '')).toBeNull();
		expect(findPassage(source, ' \n ')).toBeNull();
	});

	it('finds any slice of any paragraph, whitespace aside', () => {
		fc.assert(
			fc.property(fc.nat({ max: source.paragraphs.length - 1 }), fc.nat(), fc.nat(), (p, a, b) => {
				const text = foldWhitespace(source.paragraphs[p]!);
				const [from, to] = [a % text.length, b % text.length].sort((x, y) => x - y);
				const quote = text.slice(from!, to! + 1);
				if (!quote.trim()) return;
				expect(occursIn(source, quote.replace(/ /g, '\n  '))).toBe(true);
			})
		);
	});
});

/** The context `sentenceAround` gives for a quote, found in the folded paragraph as the build finds it. */
function around(paragraph: string, quote: string) {
	const text = foldWhitespace(paragraph);
	const start = text.indexOf(quote);
	if (start < 0) throw new Error(`"${quote}" is not in the paragraph`);
	return sentenceAround(paragraph, start, start + quote.length);
}

describe('sentenceAround', () => {
	it('gives the rest of the one sentence a quote stands in', () => {
		const paragraph =
			'First it rained. Then Rama said the "extreme measure" was needed. Later it snowed.';
		expect(around(paragraph, 'Rama said the "extreme measure" was')).toEqual({
			before: 'Then ',
			after: ' needed.'
		});
	});

	it('reproduces the sentence exactly: before + quote + after', () => {
		const paragraph = 'One. The ministry called it “hasty”, and left. Two.';
		const { before, after } = around(paragraph, 'called it “hasty”');
		expect(before + 'called it “hasty”' + after).toBe('The ministry called it “hasty”, and left.');
	});

	it('gives nothing before a quote at the start of the paragraph, nor after one at its end', () => {
		const paragraph = 'Albania cut ties with Iran. It gave the diplomats 24 hours to leave';
		expect(around(paragraph, 'Albania cut ties')).toEqual({ before: '', after: ' with Iran.' });
		expect(around(paragraph, '24 hours to leave')).toEqual({
			before: 'It gave the diplomats ',
			after: ''
		});
	});

	it('gives nothing after a quote that ends its sentence, and the stop after one that stops short', () => {
		const paragraph = 'Albania ordered the staff to leave within 24 hours. Iran denied it.';
		expect(around(paragraph, 'to leave within 24 hours.')).toEqual({
			before: 'Albania ordered the staff ',
			after: ''
		});
		expect(around(paragraph, 'to leave within 24 hours')).toEqual({
			before: 'Albania ordered the staff ',
			after: '.'
		});
	});

	it('spans every sentence a quote runs across', () => {
		const paragraph = 'Before. It rained all day. Then it snowed at night. After.';
		expect(around(paragraph, 'all day. Then it snowed')).toEqual({
			before: 'It rained ',
			after: ' at night.'
		});
	});

	it('ends a sentence after closing quotes, straight or curly', () => {
		const curly = 'Rama said: “It was forced.” Then he left.';
		expect(around(curly, 'It was forced')).toEqual({ before: 'Rama said: “', after: '.”' });
		const straight = '"It was hasty." The ministry said so.';
		expect(around(straight, 'The ministry')).toEqual({ before: '', after: ' said so.' });
		expect(around(straight, 'hasty')).toEqual({ before: '"It was ', after: '."' });
		const question = 'He asked: “Why now?” Nobody answered.';
		expect(around(question, 'Nobody')).toEqual({ before: '', after: ' answered.' });
	});

	it('ends a sentence at "!" and "?"', () => {
		const paragraph = 'What happened? The attack came! It was July.';
		expect(around(paragraph, 'attack')).toEqual({ before: 'The ', after: ' came!' });
	});

	it('does not end a sentence at an abbreviation or initials', () => {
		const paragraph =
			'The U.S. National Security Council said so. Mr. Rama and Dr. Smith met in Washington, D.C. on Monday. J. R. Smith agreed.';
		expect(around(paragraph, 'National Security Council')).toEqual({
			before: 'The U.S. ',
			after: ' said so.'
		});
		expect(around(paragraph, 'Rama and')).toEqual({
			before: 'Mr. ',
			after: ' Dr. Smith met in Washington, D.C. on Monday.'
		});
		expect(around(paragraph, 'Smith agreed')).toEqual({ before: 'J. R. ', after: '.' });
	});

	it('ends a sentence at an abbreviation that closes the paragraph', () => {
		const paragraph = 'They met in the U.S.';
		expect(around(paragraph, 'They met')).toEqual({ before: '', after: ' in the U.S.' });
	});

	it('does not end a sentence where the next word starts in lower case', () => {
		const paragraph =
			'It was "not at all desired but completely forced... and" in proportion. Next.';
		expect(around(paragraph, 'in proportion')).toEqual({
			before: 'It was "not at all desired but completely forced... and" ',
			after: '.'
		});
		const bracket = 'It was forced...[and] in full proportion. Next.';
		expect(around(bracket, 'in full')).toEqual({
			before: 'It was forced...[and] ',
			after: ' proportion.'
		});
	});

	it('does not end a sentence inside a number or an address', () => {
		const paragraph = 'The rate rose 3.5 percent, see example.com for more. Next.';
		expect(around(paragraph, 'percent')).toEqual({
			before: 'The rate rose 3.5 ',
			after: ', see example.com for more.'
		});
	});

	it('folds whitespace and indexes the folded paragraph', () => {
		const paragraph = 'One.\n\nThe  ministry\tcalled it   hasty. Two.';
		expect(around(paragraph, 'called it hasty')).toEqual({ before: 'The ministry ', after: '.' });
	});

	it('keeps within the paragraph, whatever it is given', () => {
		fc.assert(
			fc.property(fc.string({ maxLength: 60 }), fc.nat(), fc.nat(), (paragraph, a, b) => {
				const text = foldWhitespace(paragraph);
				const start = Math.min(a, b) % (text.length + 1);
				const end = Math.max(start, Math.max(a, b) % (text.length + 1));
				const { before, after } = sentenceAround(paragraph, start, end);
				expect(before + text.slice(start, end) + after).toBe(
					text.slice(start - before.length, end + after.length)
				);
			})
		);
	});
});

describe('occursIn', () => {
	it('says whether a quote stands anywhere in the source', () => {
		expect(occursIn(source, 'unfounded insinuations')).toBe(true);
		expect(occursIn(source, 'unfounded allegations')).toBe(false);
		expect(occursIn(source, '')).toBe(false);
	});
});

describe('evidenceHash and quoteFromHash', () => {
	const roundTrip = (quote: string) => quoteFromHash(evidenceHash({ source: 'alpha-news', quote }));

	it.each([
		'plain words',
		'“an ill-considered and hasty decision”…',
		'it’s “quoted” – with a dash',
		'Q&A: who? #1 of 100% sure',
		'a=b; c/d + e',
		'Durrës, Tiranë — ünïcödé'
	])('reads %j back out of the link it makes', (quote) => {
		expect(roundTrip(quote)).toBe(quote);
	});

	it('folds whitespace in the link', () => {
		const hash = evidenceHash({ source: 'alpha-news', quote: '  two\n\nlines  ' });
		expect(hash).toBe('#quote=two%20lines');
		expect(quoteFromHash(hash)).toBe('two lines');
	});

	it('encodes characters that would end or split the hash', () => {
		const hash = evidenceHash({ source: 'alpha-news', quote: 'a & b? #c “d”…' });
		expect(hash.startsWith('#quote=')).toBe(true);
		expect(hash.slice(1)).not.toMatch(/[#&?\s“”…]/);
	});

	it('round-trips any text, whitespace folded', () => {
		fc.assert(
			fc.property(fc.string({ unit: 'grapheme' }), (quote) => {
				expect(roundTrip(quote)).toBe(foldWhitespace(quote));
			})
		);
	});

	it.each(['', '#', 'quote=abc', '#quotes=abc', '#q=abc', '#other=1&quote=abc'])(
		'returns null for %j, which holds no quote',
		(hash) => {
			expect(quoteFromHash(hash)).toBeNull();
		}
	);

	it('reads an empty quote as an empty string', () => {
		expect(quoteFromHash('#quote=')).toBe('');
	});

	it.each(['#quote=%', '#quote=%E2%80', '#quote=abc%zz', '#quote=%E0%A4%A'])(
		'returns null for the malformed hash %j instead of throwing',
		(hash) => {
			expect(() => quoteFromHash(hash)).not.toThrow();
			expect(quoteFromHash(hash)).toBeNull();
		}
	);

	it('reads a hash written by hand with unencoded characters', () => {
		expect(quoteFromHash('#quote=hasty decision')).toBe('hasty decision');
	});
});

describe('markPassages', () => {
	const paragraph = 'Rama said the move was forced.  Iran denied it.';

	it('cuts a paragraph into plain and marked runs, in order of position, whatever the input order', () => {
		const later = { start: 31, end: 46, id: 'b' };
		const earlier = { start: 0, end: 9, id: 'a' };
		expect(markPassages(paragraph, [later, earlier])).toEqual([
			{ text: 'Rama said', mark: earlier },
			{ text: ' the move was forced. ' },
			{ text: 'Iran denied it.', mark: later }
		]);
	});

	it('drops a mark that overlaps an earlier one, and joins back to the folded text', () => {
		const pieces = markPassages(paragraph, [
			{ start: 0, end: 12 },
			{ start: 5, end: 20 }
		]);
		expect(pieces.filter((p) => p.mark)).toHaveLength(1);
		expect(pieces.map((p) => p.text).join('')).toBe(foldWhitespace(paragraph));
	});

	it('returns the whole paragraph as one plain run when nothing is marked', () => {
		expect(markPassages('<b>not markup</b>', [])).toEqual([{ text: '<b>not markup</b>' }]);
	});
});

describe('notedPassages', () => {
	it('locates each note’s passage, numbered as the notes are, and skips notes without one', () => {
		const noted: Source = {
			...source,
			notes: [
				{ text: 'About the whole copy.' },
				{ text: 'About a phrase.', passage: 'hasty decision' },
				{ text: 'Not in the text.', passage: 'no such words' }
			]
		};
		expect(notedPassages(noted)).toEqual([{ ...findPassage(source, 'hasty decision')!, note: 2 }]);
		expect(notedPassages(source)).toEqual([]);
	});
});

describe('besides', () => {
	const at = (paragraph: number, start: number, end: number) => ({ paragraph, start, end });

	it('drops the passages that overlap a kept one, and keeps those that only touch it', () => {
		const kept = [at(1, 10, 20)];
		expect(
			besides(kept, [at(1, 5, 11), at(1, 19, 30), at(1, 12, 15), at(1, 0, 10), at(1, 20, 25)])
		).toEqual([at(1, 0, 10), at(1, 20, 25)]);
	});

	it('keeps passages in other paragraphs, and all of them when nothing is kept', () => {
		expect(besides([at(0, 0, 50)], [at(1, 0, 50)])).toEqual([at(1, 0, 50)]);
		expect(besides([], [at(0, 0, 5), at(0, 3, 9)])).toEqual([at(0, 0, 5), at(0, 3, 9)]);
	});
});
