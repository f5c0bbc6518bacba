/** The character sets the mutations build values from. */

/** Non-ASCII characters of the Basic Multilingual Plane: one UTF-16 unit, two or three UTF-8 bytes each. */
export const NON_ASCII_BMP = 'éàüçñø中文';

export const UPPER_LATIN = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';

export const LOWER_LATIN = 'abcdefghijklmnopqrstuvwxyz';
