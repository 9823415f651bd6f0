import {displayNameMessages, humanize} from "../../../src/components/display-names.js";
import {siteDisplayNames} from "../site-display-names.ts";

/**
 * A score's reason with its channel named as the site names it: the scorers write the exported code
 * ("Source referral: …", "来源referral，…"), the page shows "Source Referral: …", "来源转介绍，…".
 */
export function nameSourceReason(reason: string, source: string | null, zh: boolean): string {
  if (source === null) return reason;
  const prefix = zh ? `来源${source}` : `Source ${source}`;
  const next = reason.charAt(prefix.length);
  if (!reason.startsWith(prefix) || !["：", "，", ":"].includes(next)) return reason;
  const messages = displayNameMessages(siteDisplayNames())[zh ? "zh-CN" : "en"] as Record<string, string>;
  const name = messages[`code.channel.${source}`] ?? humanize(source);
  return `${zh ? "来源" : "Source "}${name}${reason.slice(prefix.length)}`;
}
