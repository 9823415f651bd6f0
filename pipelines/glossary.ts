import {allocationGlossary} from "./allocation/allocation-glossary.ts";
import {allocationGlossaryZh} from "./allocation/allocation-glossary-zh.ts";
import {channelQualityGlossary} from "./channel-quality/channel-quality-glossary.ts";
import {channelQualityGlossaryZh} from "./channel-quality/channel-quality-glossary-zh.ts";
import {collectionsGlossary} from "./collections/collections-glossary.ts";
import {collectionsGlossaryZh} from "./collections/collections-glossary-zh.ts";
import {customersGlossary} from "./customers/customers-glossary.ts";
import {customersGlossaryZh} from "./customers/customers-glossary-zh.ts";
import {dataQualityGlossary} from "./data-quality/data-quality-glossary.ts";
import {dataQualityGlossaryZh} from "./data-quality/data-quality-glossary-zh.ts";
import {discoveryGlossary} from "./discovery/discovery-glossary.ts";
import {discoveryGlossaryZh} from "./discovery/discovery-glossary-zh.ts";
import {followUpGlossary} from "./follow-up/follow-up-glossary.ts";
import {followUpGlossaryZh} from "./follow-up/follow-up-glossary-zh.ts";
import {forecastGlossary} from "./forecast/forecast-glossary.ts";
import {forecastGlossaryZh} from "./forecast/forecast-glossary-zh.ts";
import type {GlossaryEntry, GlossaryZh} from "./lib/glossary-entry.ts";
import {pipelineGlossary} from "./pipeline/pipeline-glossary.ts";
import {pipelineGlossaryZh} from "./pipeline/pipeline-glossary-zh.ts";
import {quotesGlossary} from "./quotes/quotes-glossary.ts";
import {quotesGlossaryZh} from "./quotes/quotes-glossary-zh.ts";
import {repPerformanceGlossary} from "./rep-performance/rep-performance-glossary.ts";
import {repPerformanceGlossaryZh} from "./rep-performance/rep-performance-glossary-zh.ts";
import {scoringGlossary} from "./scoring/scoring-glossary.ts";
import {scoringGlossaryZh} from "./scoring/scoring-glossary-zh.ts";
import {serviceGlossary} from "./service/service-glossary.ts";
import {serviceGlossaryZh} from "./service/service-glossary-zh.ts";
import {stageConversionGlossary} from "./stage-conversion/stage-conversion-glossary.ts";
import {stageConversionGlossaryZh} from "./stage-conversion/stage-conversion-glossary-zh.ts";

export interface GlossarySection {
  family: string;
  title: string;
  title_zh: string;
  entries: GlossaryEntry[];
  /** each entry's definition in Chinese */
  entries_zh: GlossaryZh;
}

/** Every metric a page can show, by family: the definitions the site's glossary and the README point to. */
export const GLOSSARY: GlossarySection[] = [
  {
    family: "channel-quality",
    title: "Channel quality",
    title_zh: "渠道质量",
    entries: channelQualityGlossary,
    entries_zh: channelQualityGlossaryZh
  },
  {
    family: "stage-conversion",
    title: "Stage conversion",
    title_zh: "阶段转化",
    entries: stageConversionGlossary,
    entries_zh: stageConversionGlossaryZh
  },
  {
    family: "pipeline",
    title: "Pipeline",
    title_zh: "销售管道",
    entries: pipelineGlossary,
    entries_zh: pipelineGlossaryZh
  },
  {
    family: "rep-performance",
    title: "Reps and teams",
    title_zh: "销售与团队",
    entries: repPerformanceGlossary,
    entries_zh: repPerformanceGlossaryZh
  },
  {
    family: "follow-up",
    title: "Follow-up",
    title_zh: "跟进",
    entries: followUpGlossary,
    entries_zh: followUpGlossaryZh
  },
  {
    family: "customers",
    title: "Customers",
    title_zh: "客户",
    entries: customersGlossary,
    entries_zh: customersGlossaryZh
  },
  {family: "service", title: "Service", title_zh: "服务", entries: serviceGlossary, entries_zh: serviceGlossaryZh},
  {family: "quotes", title: "Quotes", title_zh: "报价", entries: quotesGlossary, entries_zh: quotesGlossaryZh},
  {
    family: "collections",
    title: "Collections",
    title_zh: "回款",
    entries: collectionsGlossary,
    entries_zh: collectionsGlossaryZh
  },
  {family: "forecast", title: "Forecast", title_zh: "预测", entries: forecastGlossary, entries_zh: forecastGlossaryZh},
  {
    family: "scoring",
    title: "Opportunity scoring",
    title_zh: "商机评分",
    entries: scoringGlossary,
    entries_zh: scoringGlossaryZh
  },
  {
    family: "allocation",
    title: "Allocation",
    title_zh: "资源分配",
    entries: allocationGlossary,
    entries_zh: allocationGlossaryZh
  },
  {
    family: "discovery",
    title: "Discovery",
    title_zh: "机会发现",
    entries: discoveryGlossary,
    entries_zh: discoveryGlossaryZh
  },
  {
    family: "data-quality",
    title: "Data quality",
    title_zh: "数据质量",
    entries: dataQualityGlossary,
    entries_zh: dataQualityGlossaryZh
  }
];
