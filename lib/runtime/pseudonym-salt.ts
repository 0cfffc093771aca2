import { storage } from 'wxt/utils/storage';
import { newSalt } from '../stats/pseudonym';

/**
 * The install's pseudonym salt, made on first use and kept in `storage.local`: every pseudonymised
 * export of this browser gives a buyer the same 买家-… name, so files exported on different days can be
 * put side by side. It never leaves the browser, and without it a pseudonym cannot be traced back.
 * (Its own module: only the popup's export needs it, not the content script that reads the settings.)
 */
const saltItem = storage.defineItem<string>('local:pseudonymSalt', { init: () => newSalt() });

export const getPseudonymSalt = (): Promise<string> => saltItem.getValue();
