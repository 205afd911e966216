/**
 * Sealing a student's result so only the teacher who made the assignment can read it: ECDH on
 * P-256 between a fresh key of the student's and the teacher's public key, HKDF-SHA-256 to an
 * AES-GCM key, and AES-GCM with the assignment's id as additional data (a sealed result cannot
 * be passed off as another assignment's). WebCrypto only, so it lives at the edge, not the core.
 */

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('byline result v1');

/** A P-256 public key, uncompressed: 0x04, then x and y. */
export const PUBLIC_KEY_BYTES = 65;
export const IV_BYTES = 12;

export interface TeacherKeys {
	/** Raw, to put in the assignment link. */
	publicKey: Uint8Array;
	/** Never leaves the teacher's device: not extractable. */
	privateKey: CryptoKey;
}

/** Makes the teacher's key pair, once, on first use. */
export async function newTeacherKeys(): Promise<TeacherKeys> {
	const pair = await crypto.subtle.generateKey(CURVE, false, ['deriveBits']);
	return {
		publicKey: new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey)),
		privateKey: pair.privateKey
	};
}

export interface Sealed {
	ephemeralKey: Uint8Array;
	iv: Uint8Array;
	ciphertext: Uint8Array;
}

async function aesKey(privateKey: CryptoKey, publicKey: CryptoKey, salt: Uint8Array) {
	const shared = await crypto.subtle.deriveBits(
		{ name: 'ECDH', public: publicKey },
		privateKey,
		256
	);
	const hkdf = await crypto.subtle.importKey('raw', shared, 'HKDF', false, ['deriveKey']);
	return crypto.subtle.deriveKey(
		{ name: 'HKDF', hash: 'SHA-256', salt: salt as BufferSource, info: INFO },
		hkdf,
		{ name: 'AES-GCM', length: 256 },
		false,
		['encrypt', 'decrypt']
	);
}

const importPublic = (raw: Uint8Array) =>
	crypto.subtle.importKey('raw', raw as BufferSource, CURVE, false, []);

/**
 * Encrypts a result for the teacher whose public key the assignment carries. `context` (the
 * assignment's id, as bytes) is bound to the ciphertext. Throws only on a key that is not a
 * P-256 point, which the assignment's schema has already ruled out.
 */
export async function seal(
	plaintext: Uint8Array,
	teacherPublicKey: Uint8Array,
	context: Uint8Array
): Promise<Sealed> {
	const mine = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
	const ephemeralKey = new Uint8Array(await crypto.subtle.exportKey('raw', mine.publicKey));
	const key = await aesKey(mine.privateKey, await importPublic(teacherPublicKey), ephemeralKey);
	const iv = crypto.getRandomValues(new Uint8Array(IV_BYTES));
	const ciphertext = await crypto.subtle.encrypt(
		{ name: 'AES-GCM', iv, additionalData: context as BufferSource },
		key,
		plaintext as BufferSource
	);
	return { ephemeralKey, iv, ciphertext: new Uint8Array(ciphertext) };
}

/**
 * Decrypts a sealed result with the teacher's private key; null when it cannot be opened: sealed
 * for another key, for another assignment, or changed on the way.
 */
export async function unseal(
	sealed: Sealed,
	privateKey: CryptoKey,
	context: Uint8Array
): Promise<Uint8Array | null> {
	try {
		const key = await aesKey(
			privateKey,
			await importPublic(sealed.ephemeralKey),
			sealed.ephemeralKey
		);
		const plain = await crypto.subtle.decrypt(
			{ name: 'AES-GCM', iv: sealed.iv as BufferSource, additionalData: context as BufferSource },
			key,
			sealed.ciphertext as BufferSource
		);
		return new Uint8Array(plain);
	} catch {
		return null;
	}
}
