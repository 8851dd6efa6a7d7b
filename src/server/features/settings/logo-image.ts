/**
 * What an uploaded logo must be: PNG or JPEG, at most 512 KB, and its first bytes must say the
 * same format as its Content-Type (a browser trusts the stored type when it serves the logo back).
 * Pure: no I/O.
 */
import { AppError } from '../../errors.js';
import { ASSET_CONTENT_TYPES, ASSET_MAX_BYTES, type AssetContentType } from '../../../store/migrations/003_assets.js';

export const LOGO_MAX_BYTES = ASSET_MAX_BYTES;
export const LOGO_CONTENT_TYPES = ASSET_CONTENT_TYPES;

const SIGNATURES: Record<AssetContentType, readonly number[]> = {
  // \x89 P N G \r \n \x1a \n
  'image/png': [0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a],
  // SOI marker and the first byte of the next marker
  'image/jpeg': [0xff, 0xd8, 0xff],
};

/** The image format the bytes start with, or null. */
export function sniffImage(bytes: Uint8Array): AssetContentType | null {
  for (const type of LOGO_CONTENT_TYPES) {
    const sig = SIGNATURES[type];
    if (bytes.length >= sig.length && sig.every((b, i) => bytes[i] === b)) return type;
  }
  return null;
}

/** The media type of a Content-Type header, lower case, without parameters. */
export function mediaType(header: string | undefined): string {
  return (header ?? '').split(';')[0]!.trim().toLowerCase();
}

export function isLogoType(type: string): type is AssetContentType {
  return (LOGO_CONTENT_TYPES as readonly string[]).includes(type);
}

const label = (type: AssetContentType) => (type === 'image/png' ? 'PNG' : 'JPEG');

/** Refuse a body that is not a logo of the type it claims to be; returns the checked type. */
export function checkLogo(bytes: Uint8Array, contentType: string): AssetContentType {
  if (!isLogoType(contentType)) {
    throw new AppError('unsupported_media_type', `A logo is uploaded as image/png or image/jpeg (the raw file as the body), not ${contentType || 'without a Content-Type'}.`);
  }
  if (bytes.length === 0) throw new AppError('validation_error', 'The body is empty: send the image file itself.');
  if (bytes.length > LOGO_MAX_BYTES) {
    throw new AppError('payload_too_large', `The logo is ${bytes.length} bytes; the limit is ${LOGO_MAX_BYTES} bytes (512 KB).`);
  }
  const actual = sniffImage(bytes);
  if (actual !== contentType) {
    const what = actual === null ? 'neither PNG nor JPEG' : `a ${label(actual)} image, sent as ${contentType}`;
    throw new AppError('validation_error', `The body is not a ${label(contentType)} image: its first bytes say ${what}.`);
  }
  return actual;
}
