/**
 * A code from the exports (an activity type, a segment, a holiday) in words: the message
 * `${prefix}.${code}`, or the code as exported when there is none; `unknown` when there is no code.
 */
export function codeLabel(t, prefix, code, unknown) {
  if (code === null || code === undefined) return unknown;
  try {
    return t(`${prefix}.${code}`);
  } catch {
    return String(code);
  }
}
