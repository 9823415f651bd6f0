import {generic} from "./generic.ts";
import {hubspot} from "./hubspot.ts";
import {pipedrive} from "./pipedrive.ts";
import type {Preset, PresetName} from "./preset.ts";
import {salesforce} from "./salesforce.ts";
import {zh} from "./zh.ts";

export const PRESETS: Record<PresetName, Preset> = {generic, salesforce, hubspot, pipedrive, zh};

/** Stage labels of every preset: labels do not collide between CRMs, so all are always known. */
export function presetStageLabels(): Record<string, string> {
  return Object.assign({}, ...Object.values(PRESETS).map((preset) => preset.stages));
}
