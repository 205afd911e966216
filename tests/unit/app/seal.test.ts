import * as v from 'valibot';
import { describe, expect, it } from 'vitest';
import {
	newTeacherKeys,
	openResult,
	privateKeyOf,
	PUBLIC_KEY_BYTES,
	seal,
	sealResult,
	unseal
} from '$lib/app/seal';
import { fromBase64url, toBase64url } from '$lib/share/base64url';
import { TeacherKeysSchema } from '$lib/share/composition';
import { decodeResult, encodeResult, type ResultPayload } from '$lib/share/result';
import { sampleAssignment } from '../share/factory';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data ? new TextDecoder().decode(data) : null);
const NOW = 1_700_000_000_000;

async function teacher() {
	const keys = await newTeacherKeys(NOW);
	return { keys, raw: fromBase64url(keys.publicKey)!, privateKey: await privateKeyOf(keys) };
}

describe('sealing a result for the teacher', () => {
	it('makes a valid key record: a raw P-256 public key and the private key as a JWK', async () => {
		const { keys, raw, privateKey } = await teacher();
		expect(v.is(TeacherKeysSchema, keys)).toBe(true);
		expect(raw).toHaveLength(PUBLIC_KEY_BYTES);
		expect(raw[0]).toBe(4);
		// Imported for use, it cannot be exported again.
		expect(privateKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('pkcs8', privateKey)).rejects.toThrow();
	});

	it('opens with the teacher’s private key, for the same context, exactly as sealed', async () => {
		const { raw, privateKey } = await teacher();
		const message = 'Ana Lopes · 9B · {"answers":[1,2,3]} · <script>alert(1)</script> · ✓';
		const sealed = await seal(bytes(message), raw, bytes('assignment-1'));
		expect(text(sealed.ciphertext)).not.toContain('Ana');
		expect(text(await unseal(sealed, privateKey, bytes('assignment-1')))).toBe(message);
	});

	it('seals the same result differently each time (fresh key and IV)', async () => {
		const { raw } = await teacher();
		const a = await seal(bytes('same'), raw, bytes('x'));
		const b = await seal(bytes('same'), raw, bytes('x'));
		expect(a.ephemeralKey).not.toEqual(b.ephemeralKey);
		expect(a.iv).not.toEqual(b.iv);
		expect(a.ciphertext).not.toEqual(b.ciphertext);
	});

	it('cannot be opened by another teacher, for another context, or once changed', async () => {
		const mine = await teacher();
		const other = await teacher();
		const context = bytes('assignment-1');
		const sealed = await seal(bytes('result'), mine.raw, context);
		expect(await unseal(sealed, other.privateKey, context)).toBeNull();
		expect(await unseal(sealed, mine.privateKey, bytes('assignment-2'))).toBeNull();
		const flipped = sealed.ciphertext.slice();
		flipped[0]! ^= 1;
		expect(await unseal({ ...sealed, ciphertext: flipped }, mine.privateKey, context)).toBeNull();
		const iv = sealed.iv.slice();
		iv[0]! ^= 1;
		expect(await unseal({ ...sealed, iv }, mine.privateKey, context)).toBeNull();
		expect(
			await unseal({ ...sealed, ephemeralKey: new Uint8Array(65) }, mine.privateKey, context)
		).toBeNull();
		expect(
			await unseal(
				{ ...sealed, ciphertext: sealed.ciphertext.slice(0, 5) },
				mine.privateKey,
				context
			)
		).toBeNull();
	});
});

describe('a result code, from the student’s device to the teacher’s', () => {
	async function setting() {
		const me = await teacher();
		const assignment = sampleAssignment({ teacherKey: me.keys.publicKey });
		const payload: ResultPayload = {
			assignmentId: assignment.id,
			assignmentDigest: 'AbCd-_12',
			name: '<img src=x onerror=alert(1)> Zoë',
			attempt: 1,
			startedAt: NOW,
			finishedAt: NOW + 60_000,
			late: false,
			timedOut: false,
			asked: assignment.questions.map((q) => q.questionId),
			answers: [
				{ questionId: assignment.questions[0]!.questionId, response: { value: true }, atSecond: 1 }
			]
		};
		return { me, assignment, payload, code: await sealResult(payload, assignment) };
	}

	it('opens exactly as sealed, and the classmate who sees the code reads no name or answer', async () => {
		const { me, payload, code } = await setting();
		// What travels: the assignment, the key id, the fresh key, the IV and ciphertext; no name.
		const envelope = decodeResult(code);
		if (!envelope.ok) throw new Error('expected a code');
		expect(Object.keys(envelope.value).sort()).toEqual([
			'assignmentId',
			'ciphertext',
			'ephemeralKey',
			'iv',
			'keyId'
		]);
		const ciphertext = Buffer.from(fromBase64url(envelope.value.ciphertext)!);
		expect(ciphertext.includes(Buffer.from(payload.name))).toBe(false);
		const opened = await openResult(code, me.keys, me.privateKey);
		expect(opened).toEqual({ ok: true, value: payload });
	});

	it('refuses a code for another teacher, saying so, without decrypting', async () => {
		const { code } = await setting();
		const other = await teacher();
		const opened = await openResult(code, other.keys, other.privateKey);
		expect(opened.ok || opened.error.reason).toBe('other-teacher');
	});

	it('refuses a code changed and given a new check, and one moved to another assignment', async () => {
		const { me, code } = await setting();
		const sealed = decodeResult(code);
		if (!sealed.ok) throw new Error('expected a code');
		const ciphertext = fromBase64url(sealed.value.ciphertext)!;
		ciphertext[3]! ^= 0x40;
		const changed = encodeResult({ ...sealed.value, ciphertext: toBase64url(ciphertext) });
		const moved = encodeResult({ ...sealed.value, assignmentId: 'another_assignment' });
		for (const bad of [changed, moved]) {
			const opened = await openResult(bad, me.keys, me.privateKey);
			expect(opened.ok || opened.error.reason).toBe('checksum');
		}
	});

	it('names a code cut short, and one with a character changed', async () => {
		const { me, code } = await setting();
		const cut = await openResult(code.slice(0, -5), me.keys, me.privateKey);
		expect(cut.ok || cut.error.reason).toBe('truncated');
		const i = Math.floor(code.length / 2);
		const typo = code.slice(0, i) + (code[i] === 'A' ? 'B' : 'A') + code.slice(i + 1);
		const typoed = await openResult(typo, me.keys, me.privateKey);
		expect(typoed.ok || typoed.error.reason).toBe('checksum');
	});
});
