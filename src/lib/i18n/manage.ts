// Translation in the editing area (/manage): its own messages (manage-messages.ts, which the public pages do not
// load) and the public ones it shares.
import { fill, type Lang } from './index';
import { messages, type MessageKey } from './messages';
import { manageMessages, type ManageMessageKey } from './manage-messages';

export type EditingMessageKey = MessageKey | ManageMessageKey;

/** Whether a string built at run time (`rule.${field}.${rule}`) names a message. */
export const isMessageKey = (key: string): key is EditingMessageKey => key in manageMessages.zh || key in messages.zh;

/**
 * Translates a message of the editing area or a public one, filling `{name}` placeholders.
 * @example t('en', 'manage.cityWide') // 'City-wide'
 */
export function t(lang: Lang, key: EditingMessageKey, params: Record<string, string | number> = {}): string {
	const text = key in manageMessages.zh ? manageMessages[lang][key as ManageMessageKey] : messages[lang][key as MessageKey];
	return fill(text, params);
}
