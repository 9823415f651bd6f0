import {displayNameMessages, humanize} from "../../src/components/display-names.js";
import {common} from "../../src/locales/common.js";
import {hiddenDimensions} from "../hidden-names.ts";
import {DISPLAY_NAMES_VARIABLE, siteDisplayNames} from "../site-display-names.ts";

/** What a score's reason may be about: the scored deal's or lead's source, stage and owner. */
export interface ReasonSubjects {
  source: string | null;
  stage?: string | null;
  owner_rep_id: string | null;
  /** the owner's name in the reps table; null without one */
  rep_name: string | null;
}

/**
 * A score's reason with its subject named as the site names it. The scorers write the exported code or id after
 * the feature's label ("Source referral: …", "Stage negotiation: …", "Owner R003: …", "负责人R003，…"); the page
 * shows the channel's display name, the stage's label and the owner's name ("Source Referral: …", "Stage
 * Negotiation: …", "Owner 杨华建: …", "负责人杨华建，…"). An owner stays an id on a site that hides reps' names,
 * and every other reason is left as it is.
 */
export function nameReason(reason: string, subjects: ReasonSubjects, zh: boolean): string {
  const locale = zh ? "zh-CN" : "en";
  const codes = codeNames()[locale] as Record<string, string>;
  const stages = common[locale] as Record<string, string>;
  const repName = hiddenDimensions().includes("reps") ? null : subjects.rep_name;
  const named: [label: string, code: string | null | undefined, name: string | null][] = [
    [
      zh ? "来源" : "Source ",
      subjects.source,
      codes[`code.channel.${subjects.source}`] ?? humanize(subjects.source ?? "")
    ],
    [zh ? "阶段" : "Stage ", subjects.stage, stages[`stage.${subjects.stage}`] ?? null],
    [zh ? "负责人" : "Owner ", subjects.owner_rep_id, repName]
  ];
  for (const [label, code, name] of named) {
    if (code === null || code === undefined || name === null) continue;
    const prefix = `${label}${code}`;
    if (reason.startsWith(prefix) && ["：", "，", ":"].includes(reason.charAt(prefix.length)))
      return `${label}${name}${reason.slice(prefix.length)}`;
  }
  return reason;
}

// a page names thousands of reasons: the messages are built once per configuration, not once per reason
let built: {configured: string | undefined; messages: ReturnType<typeof displayNameMessages>} | undefined;

function codeNames(): ReturnType<typeof displayNameMessages> {
  const configured = process.env[DISPLAY_NAMES_VARIABLE];
  if (!built || built.configured !== configured)
    built = {configured, messages: displayNameMessages(siteDisplayNames(configured))};
  return built.messages;
}
