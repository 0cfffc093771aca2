// The OpenCC dictionaries of opencc-js: "from to|from to|…" (read by gen-compliance-tables.ts only).
declare module 'opencc-js/dict/*' {
  const dictionary: string;
  export default dictionary;
}
