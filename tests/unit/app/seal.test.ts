import { describe, expect, it } from 'vitest';
import { newTeacherKeys, PUBLIC_KEY_BYTES, seal, unseal } from '$lib/app/seal';

const bytes = (text: string) => new TextEncoder().encode(text);
const text = (data: Uint8Array | null) => (data ? new TextDecoder().decode(data) : null);

describe('sealing a result for the teacher', () => {
	it('makes a raw P-256 public key and a private key that cannot be exported', async () => {
		const keys = await newTeacherKeys();
		expect(keys.publicKey).toHaveLength(PUBLIC_KEY_BYTES);
		expect(keys.publicKey[0]).toBe(4);
		expect(keys.privateKey.extractable).toBe(false);
		await expect(crypto.subtle.exportKey('pkcs8', keys.privateKey)).rejects.toThrow();
	});

	it('opens with the teacher’s private key, for the same assignment, exactly as sealed', async () => {
		const keys = await newTeacherKeys();
		const message = 'Ana Lopes · 9B · {"answers":[1,2,3]} · <script>alert(1)</script> · ✓';
		const sealed = await seal(bytes(message), keys.publicKey, bytes('assignment-1'));
		expect(text(sealed.ciphertext)).not.toContain('Ana');
		expect(text(await unseal(sealed, keys.privateKey, bytes('assignment-1')))).toBe(message);
	});

	it('seals the same result differently each time (fresh key and IV)', async () => {
		const keys = await newTeacherKeys();
		const a = await seal(bytes('same'), keys.publicKey, bytes('x'));
		const b = await seal(bytes('same'), keys.publicKey, bytes('x'));
		expect(a.ephemeralKey).not.toEqual(b.ephemeralKey);
		expect(a.iv).not.toEqual(b.iv);
		expect(a.ciphertext).not.toEqual(b.ciphertext);
	});

	it('cannot be opened by another teacher, for another assignment, or once changed', async () => {
		const teacher = await newTeacherKeys();
		const other = await newTeacherKeys();
		const sealed = await seal(bytes('result'), teacher.publicKey, bytes('assignment-1'));
		expect(await unseal(sealed, other.privateKey, bytes('assignment-1'))).toBeNull();
		expect(await unseal(sealed, teacher.privateKey, bytes('assignment-2'))).toBeNull();
		const flipped = sealed.ciphertext.slice();
		flipped[0]! ^= 1;
		expect(
			await unseal({ ...sealed, ciphertext: flipped }, teacher.privateKey, bytes('assignment-1'))
		).toBeNull();
		const iv = sealed.iv.slice();
		iv[0]! ^= 1;
		expect(await unseal({ ...sealed, iv }, teacher.privateKey, bytes('assignment-1'))).toBeNull();
		expect(
			await unseal(
				{ ...sealed, ephemeralKey: new Uint8Array(65) },
				teacher.privateKey,
				bytes('assignment-1')
			)
		).toBeNull();
		expect(
			await unseal(
				{ ...sealed, ciphertext: sealed.ciphertext.slice(0, 5) },
				teacher.privateKey,
				bytes('assignment-1')
			)
		).toBeNull();
	});
});
