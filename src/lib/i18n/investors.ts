// Translation in the investor tools that the explorer loads when they open: their own messages
// (investor-messages.ts, which the map page's first JavaScript does not carry) and the public ones they share.
import { translatorWith } from './index';
import { investorMessages } from './investor-messages';

/**
 * Translates a message of the investor tools or a public one, filling `{name}` placeholders.
 * @example t('en', 'inv.inside', { n: 7 }) // '7 listings inside'
 */
export const t = translatorWith(investorMessages);
