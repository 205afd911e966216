import { describe, expect, it } from 'vitest';
import {
	editDistance,
	matchText,
	matchTitled,
	normalizeAnswer,
	text,
	titlesFor,
	TYPO_MIN_WORD_LENGTH
} from '$lib/question-types/text';
import type { Outlet } from '$lib/question-types';

/** This type never names an outlet, so the story's outlets make no difference. */
const outlets: readonly Outlet[] = [{ id: 'outlet-a', outlet: 'Outlet A', name: 'Outlet A News' }];

/** A text question's own fields: its accepted answers and the titles it accepts with them. */
function q(answers: string[], titles: string[] = []) {
	return { answers, titles };
}

/** Scores a typed response against the accepted answers. */
function scoreOf(response: string, ...answers: string[]) {
	return text.score(q(answers), { text: response });
}

describe('normalizeAnswer', () => {
	it('drops case, accents and punctuation', () => {
		expect(normalizeAnswer('Durrës')).toBe('durres');
		expect(normalizeAnswer('“Edi Rama,” PM.')).toBe('edi rama pm');
		expect(normalizeAnswer('Ça Va?')).toBe('ca va');
	});

	it('reads hyphens, dashes and slashes as spaces', () => {
		expect(normalizeAnswer('Mujahedin-e Khalk')).toBe('mujahedin e khalk');
		expect(normalizeAnswer('RFE/RL')).toBe('rfe rl');
		expect(normalizeAnswer('Iran—Albania')).toBe('iran albania');
	});

	it('folds runs of whitespace and trims', () => {
		expect(normalizeAnswer('  Edi \t  Rama \n')).toBe('edi rama');
	});

	it('keeps digits', () => {
		expect(normalizeAnswer('July 15, 2022')).toBe('july 15 2022');
	});

	it('leaves nothing of punctuation and whitespace alone', () => {
		expect(normalizeAnswer('  ?! — … ')).toBe('');
	});
});

describe('editDistance', () => {
	it('is 0 for equal strings and the length for an empty one', () => {
		expect(editDistance('rama', 'rama')).toBe(0);
		expect(editDistance('', 'rama')).toBe(4);
		expect(editDistance('rama', '')).toBe(4);
	});

	it('counts an insertion, a deletion and a substitution as one each', () => {
		expect(editDistance('hultquist', 'hultquists')).toBe(1);
		expect(editDistance('hultquist', 'hultqust')).toBe(1);
		expect(editDistance('hultquist', 'holtquist')).toBe(1);
		expect(editDistance('kitten', 'sitting')).toBe(3);
	});

	it('counts a swap of two neighbours as one', () => {
		expect(editDistance('hultquist', 'hultqiust')).toBe(1);
		expect(editDistance('ab', 'ba')).toBe(1);
	});

	it('is symmetric', () => {
		expect(editDistance('cleverly', 'clevery')).toBe(editDistance('clevery', 'cleverly'));
		expect(editDistance('watson', 'wtasno')).toBe(editDistance('wtasno', 'watson'));
	});
});

describe('text: exact matches', () => {
	it('accepts the answer with no note', () => {
		expect(scoreOf('Hultquist', 'Hultquist')).toEqual({ score: 1 });
	});

	it('ignores case, accents and punctuation', () => {
		expect(scoreOf('durres', 'Durrës')).toEqual({ score: 1 });
		expect(scoreOf('mujahedin e khalk', 'Mujahedin-e Khalk')).toEqual({ score: 1 });
		expect(scoreOf('rfe rl', 'RFE/RL')).toEqual({ score: 1 });
		expect(scoreOf('RFE/RL', 'rfe rl')).toEqual({ score: 1 });
		expect(scoreOf('  EDI RAMA. ', 'Edi Rama')).toEqual({ score: 1 });
	});

	it('accepts any of the alternatives', () => {
		expect(scoreOf('Rama', 'Edi Rama', 'Rama')).toEqual({ score: 1 });
		expect(matchText('rama', ['Edi Rama', 'Rama'])).toEqual({ kind: 'exact', accepted: 'Rama' });
	});

	it('prefers an exact match with a later alternative to a typo of an earlier one', () => {
		expect(matchText('Cleverley', ['Cleverly', 'Cleverley'])).toEqual({
			kind: 'exact',
			accepted: 'Cleverley'
		});
	});

	it('ignores where the spaces fall', () => {
		expect(matchText('EdiRama', ['Edi Rama']).kind).toBe('exact');
	});
});

describe('text: small typos', () => {
	it('forgives one slipped letter and says so', () => {
		const scored = scoreOf('Holtquist', 'Hultquist');
		expect(scored.score).toBe(1);
		expect(scored.note).toMatch(/typo/i);
		expect(scored.note).toContain('Holtquist');
		expect(scored.note).toContain('Hultquist');
		expect(matchText('Holtquist', ['Hultquist'])).toEqual({
			kind: 'typo',
			accepted: 'Hultquist'
		});
	});

	it('quotes the response trimmed and names the alternative it was read as', () => {
		const scored = scoreOf('  John Holtquist ', 'Hultquist', 'John Hultquist');
		expect(scored.score).toBe(1);
		expect(scored.note).toContain('“John Holtquist”');
		expect(scored.note).toContain('“John Hultquist”');
	});

	it('forgives a letter added or dropped', () => {
		expect(matchText('Hultquists', ['Hultquist']).kind).toBe('typo');
		expect(matchText('Hultqist', ['Hultquist']).kind).toBe('typo');
	});

	it('counts swapping two neighbouring letters as one slip', () => {
		expect(matchText('Hultqiust', ['Hultquist']).kind).toBe('typo');
		expect(scoreOf('Clevelry', 'Cleverly').score).toBe(1);
	});

	it('forgives a slip in one word of several', () => {
		expect(matchText('James Clevrly', ['James Cleverly']).kind).toBe('typo');
	});

	it('rejects two slips in one word', () => {
		expect(scoreOf('Holtqiust', 'Hultquist')).toEqual({ score: 0 });
		expect(scoreOf('Hultqst', 'Hultquist')).toEqual({ score: 0 });
	});

	it('rejects slips in two words', () => {
		expect(scoreOf('Jemes Clevrly', 'James Cleverly')).toEqual({ score: 0 });
	});

	it(`forgives nothing in a word shorter than ${TYPO_MIN_WORD_LENGTH} letters`, () => {
		expect(TYPO_MIN_WORD_LENGTH).toBe(5);
		expect(scoreOf('Rana', 'Rama')).toEqual({ score: 0 });
		expect(scoreOf('Ramaa', 'Rama')).toEqual({ score: 0 });
		expect(scoreOf('Edi Rana', 'Edi Rama')).toEqual({ score: 0 });
		expect(scoreOf('MEC', 'MEK')).toEqual({ score: 0 });
	});

	it(`forgives a slip in a word of exactly ${TYPO_MIN_WORD_LENGTH} letters`, () => {
		expect(matchText('Begai', ['Begaj']).kind).toBe('typo');
		expect(matchText('Bgaj', ['Begaj']).kind).toBe('typo');
	});

	it('rejects a wrong first letter', () => {
		expect(scoreOf('Matson', 'Watson')).toEqual({ score: 0 });
		expect(scoreOf('uHltquist', 'Hultquist')).toEqual({ score: 0 });
		expect(scoreOf('Ultquist', 'Hultquist')).toEqual({ score: 0 });
	});

	it('rejects any change to a word with digits', () => {
		expect(scoreOf('2014', '2013')).toEqual({ score: 0 });
		expect(scoreOf('July 2014', 'July 2013')).toEqual({ score: 0 });
		expect(scoreOf('20134', '2013')).toEqual({ score: 0 });
		expect(scoreOf('Hultquist1', 'Hultquist')).toEqual({ score: 0 });
		expect(scoreOf('2013', '2013')).toEqual({ score: 1 });
	});

	it('rejects a different name', () => {
		expect(scoreOf('Cleverly', 'Watson')).toEqual({ score: 0 });
		expect(matchText('Cleverly', ['Watson'])).toEqual({ kind: 'wrong' });
	});

	it('rejects a response with a word too many or too few', () => {
		expect(scoreOf('John', 'John Hultquist')).toEqual({ score: 0 });
		expect(scoreOf('Edi Rama Jr', 'Edi Rama')).toEqual({ score: 0 });
		expect(scoreOf('John Holtquist Jr', 'John Hultquist')).toEqual({ score: 0 });
	});

	it('rejects an empty, blank or punctuation-only response', () => {
		for (const response of ['', '   ', '\t\n', '?!', '—'])
			expect(scoreOf(response, 'Hultquist'), JSON.stringify(response)).toEqual({ score: 0 });
	});
});

describe('text: titles', () => {
	const RAMA = ['Prime Minister', 'Albanian Prime Minister', 'PM', 'Prime Minister of Albania'];
	const rama = q(['Edi Rama', 'Rama'], RAMA);
	const cleverly = q(
		['James Cleverly', 'Cleverly'],
		['Foreign Secretary', 'British Foreign Secretary']
	);
	const scored = (question: ReturnType<typeof q>, response: string) =>
		text.score(question, { text: response });

	it('accepts a title before the name, with no note', () => {
		expect(scored(rama, 'Prime Minister Edi Rama')).toEqual({ score: 1 });
		expect(scored(rama, 'PM Edi Rama')).toEqual({ score: 1 });
		expect(scored(rama, 'Albanian Prime Minister Edi Rama')).toEqual({ score: 1 });
		expect(scored(cleverly, 'Foreign Secretary James Cleverly')).toEqual({ score: 1 });
		expect(scored(cleverly, 'British Foreign Secretary James Cleverly')).toEqual({ score: 1 });
	});

	it('accepts a title with any accepted answer, a shorter one included', () => {
		expect(scored(rama, 'Prime Minister Rama')).toEqual({ score: 1 });
		expect(matchTitled('PM Rama', rama.answers, rama.titles)).toEqual({
			kind: 'exact',
			accepted: 'Rama'
		});
	});

	it('accepts "the" before the title', () => {
		expect(scored(rama, 'the Prime Minister Edi Rama')).toEqual({ score: 1 });
		expect(scored(cleverly, 'The British Foreign Secretary, James Cleverly')).toEqual({
			score: 1
		});
	});

	it('accepts a title after the name, with or without "the"', () => {
		expect(scored(rama, 'Edi Rama, the Prime Minister')).toEqual({ score: 1 });
		expect(scored(rama, 'Edi Rama, Prime Minister of Albania')).toEqual({ score: 1 });
		expect(scored(rama, 'Edi Rama (PM)')).toEqual({ score: 1 });
		expect(scored(cleverly, 'Cleverly, the Foreign Secretary')).toEqual({ score: 1 });
	});

	it('forgives case, accents and punctuation in the title as in the name', () => {
		expect(scored(rama, 'prime-minister EDI RAMA')).toEqual({ score: 1 });
		expect(scored(rama, 'P.M. Edi Rama')).toEqual({ score: 1 });
	});

	it('forgives a slipped letter in the name, and says so', () => {
		const s = scored(cleverly, 'Foreign Secretary James Clevelry');
		expect(s.score).toBe(1);
		expect(s.note).toContain('“Foreign Secretary James Clevelry”');
		expect(s.note).toContain('“James Cleverly”');
		expect(matchTitled('Edi Rama, the Prime Minister', rama.answers, rama.titles).kind).toBe(
			'exact'
		);
	});

	it('forgives nothing in the title itself', () => {
		expect(scored(cleverly, 'Foriegn Secretary James Cleverly')).toEqual({ score: 0 });
		expect(scored(rama, 'Prime Minster Edi Rama')).toEqual({ score: 0 });
	});

	it('rejects a wrong name with a right title', () => {
		expect(scored(rama, 'Prime Minister Ilir Meta')).toEqual({ score: 0 });
		expect(scored(cleverly, 'Foreign Secretary Liz Truss')).toEqual({ score: 0 });
		expect(scored(rama, 'Prime Minister Edi Rana')).toEqual({ score: 0 });
	});

	it('rejects a title alone', () => {
		for (const response of [
			'Prime Minister',
			'the Prime Minister',
			'PM',
			'Albanian Prime Minister'
		])
			expect(scored(rama, response), response).toEqual({ score: 0 });
		expect(scored(cleverly, 'British Foreign Secretary')).toEqual({ score: 0 });
	});

	it('rejects a title the question does not list, another person’s included', () => {
		expect(scored(rama, 'Foreign Secretary Edi Rama')).toEqual({ score: 0 });
		expect(scored(cleverly, 'Prime Minister James Cleverly')).toEqual({ score: 0 });
		expect(scored(q(['Edi Rama']), 'Prime Minister Edi Rama')).toEqual({ score: 0 });
	});

	it('rejects unrelated words beside the name or the title', () => {
		expect(scored(rama, 'Mr Edi Rama')).toEqual({ score: 0 });
		expect(scored(rama, 'Prime Minister Edi Rama Jr')).toEqual({ score: 0 });
		expect(scored(rama, 'former Prime Minister Edi Rama')).toEqual({ score: 0 });
		expect(scored(rama, 'the the Prime Minister Edi Rama')).toEqual({ score: 0 });
	});

	it('takes one title, not two', () => {
		expect(scored(rama, 'PM Edi Rama, Prime Minister')).toEqual({ score: 0 });
		expect(scored(rama, 'Prime Minister PM Edi Rama')).toEqual({ score: 0 });
	});

	it('prefers an exact titled match to a typo of the name alone', () => {
		const typo = q(['Cleverly', 'James Cleverley'], ['James']);
		// "James Cleverly" is one slip from "James Cleverley", and "James" a title before "Cleverly".
		expect(matchTitled('James Cleverly', typo.answers, typo.titles)).toEqual({
			kind: 'exact',
			accepted: 'Cleverly'
		});
	});
});

describe('text: titlesFor', () => {
	const actors = [
		{ name: 'Edi Rama', titles: ['Prime Minister', 'PM'] },
		{ name: 'James Cleverly', titles: ['Foreign Secretary'] },
		{ name: 'Albania', titles: [] }
	];

	it('gives the titles of the actors the answers name', () => {
		expect(titlesFor(q(['Edi Rama', 'Rama']), actors)).toEqual(['Prime Minister', 'PM']);
		expect(titlesFor(q(['edi rama']), actors)).toEqual(['Prime Minister', 'PM']);
	});

	it('gives none for actors the answers do not name, nor for a name given only in part', () => {
		expect(titlesFor(q(['Rama']), actors)).toEqual([]);
		expect(titlesFor(q(['hasty']), actors)).toEqual([]);
		// A slipped letter is forgiven in a response, not in matching an actor to an answer.
		expect(titlesFor(q(['Edi Rana']), actors)).toEqual([]);
	});

	it('keeps the titles an editor wrote, first, without repeating any', () => {
		expect(titlesFor(q(['Edi Rama'], ['Premier', 'PM']), actors)).toEqual([
			'Premier',
			'PM',
			'Prime Minister'
		]);
	});

	it('joins the titles of every actor the answers name', () => {
		expect(titlesFor(q(['Edi Rama', 'James Cleverly']), actors)).toEqual([
			'Prime Minister',
			'PM',
			'Foreign Secretary'
		]);
	});
});

describe('text: isComplete', () => {
	it('needs a letter or digit', () => {
		const hultquist = q(['Hultquist']);
		expect(text.isComplete(hultquist, { text: 'x' })).toBe(true);
		expect(text.isComplete(hultquist, { text: '2013' })).toBe(true);
		expect(text.isComplete(hultquist, { text: '' })).toBe(false);
		expect(text.isComplete(hultquist, { text: '   ' })).toBe(false);
		expect(text.isComplete(hultquist, { text: '...' })).toBe(false);
	});
});

describe('text: perfect response', () => {
	it('is the first accepted answer and scores 1 with no note', () => {
		const mek = q(['Mujahedin-e Khalk', 'MEK']);
		expect(text.perfect(mek)).toEqual({ text: 'Mujahedin-e Khalk' });
		expect(text.score(mek, text.perfect(mek))).toEqual({ score: 1 });
	});
});

describe('text: check', () => {
	it('passes answers with letters or digits', () => {
		expect(text.check(q(['Edi Rama', '2013', 'RFE/RL'], ['Prime Minister', 'PM']))).toEqual([]);
	});

	it('flags a title nothing could match', () => {
		expect(text.check(q(['Edi Rama'], ['PM', '—']))).toEqual([
			{ field: 'titles', message: expect.stringContaining('"—"') }
		]);
	});

	it('flags an answer nothing could match', () => {
		expect(text.check(q(['Edi Rama', '?!']))).toEqual([
			{ field: 'answers', message: expect.stringContaining('"?!"') }
		]);
	});
});

describe('text: text', () => {
	it('gives the first accepted answer', () => {
		expect(text.answerText(q(['Edi Rama', 'Rama'], ['PM']), outlets)).toBe('Edi Rama');
	});

	it('gives the response trimmed, or says there is none', () => {
		const rama = q(['Edi Rama']);
		expect(text.responseText(rama, { text: '  edi rama ' }, outlets)).toBe('edi rama');
		expect(text.responseText(rama, { text: '   ' }, outlets)).toBe('(no answer)');
	});
});
