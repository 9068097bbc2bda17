/**
 * The type every translation must have: exactly the English catalog's keys, each a string. A key
 * missing from a translation, or one only the translation has, does not compile.
 */
export type Catalog<En> = { readonly [K in keyof En]: string };
