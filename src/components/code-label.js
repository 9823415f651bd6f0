import {humanize} from "./display-names.js";

/**
 * A code from the exports (an activity type, a segment, a holiday) in words: the message
 * `${prefix}.${code}`, else the code made readable (humanize); `unknown` when there is no code.
 */
export function codeLabel(t, prefix, code, unknown) {
  if (code === null || code === undefined) return unknown;
  try {
    return t(`${prefix}.${code}`);
  } catch {
    return humanize(String(code));
  }
}
