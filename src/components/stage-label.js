import {common} from "../locales/common.js";

/** Stage names in the site's language: the default stages translated, others as the stage model names them. */
export function stageLabeler(locale) {
  const names = common[locale] ?? common.en;
  return (stage) => names[`stage.${stage}`] ?? stage;
}
