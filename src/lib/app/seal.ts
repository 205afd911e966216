import { fromBase64url, toBase64url } from '$lib/share/base64url';
import { codeError, type CodeResult } from '$lib/share/code';
import type { Assignment } from '$lib/share/assignment';
import type { TeacherKeys } from '$lib/share/composition';
import {
	decodePayload,
	decodeResult,
	encodePayload,
	encodeResult,
	forTeacher,
	keyIdOf,
	type ResultPayload
} from '$lib/share/result';

/**
 * Sealing a student's result so only the teacher who made the assignment can read it: ECDH on
 * P-256 between a fresh key of the student's and the teacher's public key, HKDF-SHA-256 to an
 * AES-GCM key, and AES-GCM with the assignment's id and the teacher's key id as additional data
 * (a sealed result cannot be passed off as another assignment's). WebCrypto only, so it lives at
 * the edge, not the core; the shapes and bytes are the core's (`$lib/share/result`).
 */

const CURVE = { name: 'ECDH', namedCurve: 'P-256' } as const;
const INFO = new TextEncoder().encode('byline result v1');

/** A P-256 public key, uncompressed: 0x04, then x and y. */
export const PUBLIC_KEY_BYTES = 65;
export const IV_BYTES = 12;

/**
 * Makes the teacher's key pair, once, on first use. The private key is kept as a JWK so a backup
 * can carry it to the teacher's next device; it is imported, not extractable, whenever it is used.
 */
export async function newTeacherKeys(now: number): Promise<TeacherKeys> {
	const pair = await crypto.subtle.generateKey(CURVE, true, ['deriveBits']);
	const jwk = await crypto.subtle.exportKey('jwk', pair.privateKey);
	const raw = new Uint8Array(await crypto.subtle.exportKey('raw', pair.publicKey));
	return {
		id: 'teacher',
		publicKey: toBase64url(raw),
		privateJwk: { kty: 'EC', crv: 'P-256', x: jwk.x!, y: jwk.y!, d: jwk.d! },
		createdAt: now
	};
}

/** The teacher's private key, for opening results; it cannot be exported again from here. */
export function privateKeyOf(keys: TeacherKeys): Promise<CryptoKey> {
	return crypto.subtle.importKey('jwk', { ...keys.privateJwk, ext: false }, CURVE, false, [
		'deriveBits'
	]);
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
 * Encrypts bytes for the teacher whose public key the assignment carries. `context` is bound to
 * the ciphertext. Throws only on a key that is not a P-256 point, which the assignment's schema
 * has already ruled out.
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
 * Decrypts with the teacher's private key; null when it cannot be opened: sealed for another
 * key, for another context, or changed on the way.
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

/** What a sealed result is bound to: its assignment and the teacher's key. */
const contextOf = (assignmentId: string, keyId: string) =>
	new TextEncoder().encode(`${assignmentId}.${keyId}`);

/** The result code a student hands in: the payload, sealed to the assignment's teacher. */
export async function sealResult(payload: ResultPayload, assignment: Assignment): Promise<string> {
	const keyId = keyIdOf(assignment.teacherKey);
	const sealed = await seal(
		encodePayload(payload),
		fromBase64url(assignment.teacherKey)!,
		contextOf(assignment.id, keyId)
	);
	return encodeResult({
		assignmentId: assignment.id,
		keyId,
		ephemeralKey: toBase64url(sealed.ephemeralKey),
		iv: toBase64url(sealed.iv),
		ciphertext: toBase64url(sealed.ciphertext)
	});
}

/**
 * A result code opened with the teacher's keys: the payload, or why not, in words (not a result
 * code, cut short, another teacher's, changed after it was sealed…). Never throws.
 */
export async function openResult(
	code: string,
	keys: TeacherKeys,
	privateKey: CryptoKey
): Promise<CodeResult<ResultPayload>> {
	const decoded = decodeResult(code);
	if (!decoded.ok) return decoded;
	const mine = forTeacher(decoded.value, keyIdOf(keys.publicKey));
	if (!mine.ok) return mine;
	const sealed = mine.value;
	const plain = await unseal(
		{
			ephemeralKey: fromBase64url(sealed.ephemeralKey)!,
			iv: fromBase64url(sealed.iv)!,
			ciphertext: fromBase64url(sealed.ciphertext)!
		},
		privateKey,
		contextOf(sealed.assignmentId, sealed.keyId)
	);
	// The code's check passed, so whoever changed it wrote a new check: the seal tells.
	if (!plain) return { ok: false, error: codeError('result', 'checksum') };
	const payload = decodePayload(plain);
	if (!payload.ok) return payload;
	if (payload.value.assignmentId !== sealed.assignmentId)
		return { ok: false, error: codeError('result', 'invalid', 'it names two assignments') };
	return payload;
}
