import {allocationGlossary} from "./allocation/allocation-glossary.ts";
import {channelQualityGlossary} from "./channel-quality/channel-quality-glossary.ts";
import {collectionsGlossary} from "./collections/collections-glossary.ts";
import {customersGlossary} from "./customers/customers-glossary.ts";
import {dataQualityGlossary} from "./data-quality/data-quality-glossary.ts";
import {discoveryGlossary} from "./discovery/discovery-glossary.ts";
import {followUpGlossary} from "./follow-up/follow-up-glossary.ts";
import {forecastGlossary} from "./forecast/forecast-glossary.ts";
import type {GlossaryEntry} from "./lib/glossary-entry.ts";
import {pipelineGlossary} from "./pipeline/pipeline-glossary.ts";
import {quotesGlossary} from "./quotes/quotes-glossary.ts";
import {repPerformanceGlossary} from "./rep-performance/rep-performance-glossary.ts";
import {scoringGlossary} from "./scoring/scoring-glossary.ts";
import {serviceGlossary} from "./service/service-glossary.ts";
import {stageConversionGlossary} from "./stage-conversion/stage-conversion-glossary.ts";

export interface GlossarySection {
  family: string;
  title: string;
  title_zh: string;
  entries: GlossaryEntry[];
}

/** Every metric a page can show, by family: the definitions the site's glossary and the README point to. */
export const GLOSSARY: GlossarySection[] = [
  {family: "channel-quality", title: "Channel quality", title_zh: "渠道质量", entries: channelQualityGlossary},
  {family: "stage-conversion", title: "Stage conversion", title_zh: "阶段转化", entries: stageConversionGlossary},
  {family: "pipeline", title: "Pipeline", title_zh: "销售管道", entries: pipelineGlossary},
  {family: "rep-performance", title: "Reps and teams", title_zh: "销售与团队", entries: repPerformanceGlossary},
  {family: "follow-up", title: "Follow-up", title_zh: "跟进", entries: followUpGlossary},
  {family: "customers", title: "Customers", title_zh: "客户", entries: customersGlossary},
  {family: "service", title: "Service", title_zh: "服务", entries: serviceGlossary},
  {family: "quotes", title: "Quotes", title_zh: "报价", entries: quotesGlossary},
  {family: "collections", title: "Collections", title_zh: "回款", entries: collectionsGlossary},
  {family: "forecast", title: "Forecast", title_zh: "预测", entries: forecastGlossary},
  {family: "scoring", title: "Opportunity scoring", title_zh: "商机评分", entries: scoringGlossary},
  {family: "allocation", title: "Allocation", title_zh: "资源分配", entries: allocationGlossary},
  {family: "discovery", title: "Discovery", title_zh: "机会发现", entries: discoveryGlossary},
  {family: "data-quality", title: "Data quality", title_zh: "数据质量", entries: dataQualityGlossary}
];
