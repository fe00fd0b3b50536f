import { t, type MessageKey } from '../i18n/index.ts';
import { AdminApiError } from './admin-api.ts';

const KNOWN: Record<string, MessageKey> = {
  last_admin: 'admin.error.last_admin',
  exists: 'admin.error.exists',
  stale_version: 'admin.error.stale_version',
  unsupported_image: 'admin.error.unsupported_image',
  too_large: 'admin.error.too_large',
  invalid_image: 'admin.error.invalid_image',
  forbidden: 'admin.error.forbidden',
  not_found: 'admin.error.not_found',
};

/** A refusal in the user's language when its code is known, else the server's message (English). */
export function errorText(error: unknown): string {
  if (error instanceof AdminApiError) {
    const key = KNOWN[error.code];
    const details = error.details.map((detail) => [Array.isArray(detail.path) ? detail.path.join('.') : detail.path, detail.message].filter(Boolean).join(': ')).join('; ');
    return key ? t(key) : [error.message, details].filter(Boolean).join(' · ');
  }
  if (error instanceof TypeError) return t('admin.error.network');
  return error instanceof Error ? error.message : String(error);
}
