// Translation in the editing area (/manage): its own messages (manage-messages.ts, which the public pages do not
// load) and the public ones it shares.
import { translatorWith } from './index';
import { messages, type MessageKey } from './messages';
import { manageMessages, type ManageMessageKey } from './manage-messages';

export type EditingMessageKey = MessageKey | ManageMessageKey;

/** Whether a string built at run time (`rule.${field}.${rule}`) names a message. */
export const isMessageKey = (key: string): key is EditingMessageKey => key in manageMessages.zh || key in messages.zh;

/**
 * Translates a message of the editing area or a public one, filling `{name}` placeholders.
 * @example t('en', 'manage.cityWide') // 'City-wide'
 */
export const t = translatorWith(manageMessages);
