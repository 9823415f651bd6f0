/** The grains of the glossary's entries ("one row per month") in Chinese, by their English text. */
export const GRAINS_ZH: Record<string, string> = {
  "one row per time bucket (month, quarter or period) × source (× campaign)":
    "每个时间段（月、季度或期间）× 来源（× 营销活动）一行",
  "one row per flagged lead": "每条被标记的线索一行",
  "one row per open stage, then the won stage": "每个进行中阶段一行，最后是成交阶段",
  "one row per (from stage, to stage) pair that occurred": "每个实际发生的（起始阶段，目标阶段）组合一行",
  "one row per basis (snapshot, cohort)": "每种口径（快照、同期群）一行",
  "one row per open stage": "每个进行中阶段一行",
  "one row": "一行",
  "one row per stuck opportunity": "每个停滞商机一行",
  "one row per (lost stage, lost reason)": "每个（输单阶段，输单原因）组合一行",
  "one row per open stage × expected close month × currency": "每个进行中阶段 × 预计成交月份 × 币种一行",
  "one row per open stage × currency": "每个进行中阶段 × 币种一行",
  "one row per currency": "每个币种一行",
  "one row per step per currency": "每个币种的每个步骤一行",
  "one row per rep (repPerformance) or per team (teamPerformance)":
    "每名销售（repPerformance）或每个团队（teamPerformance）一行",
  "one row per rep × segment × value": "每名销售 × 细分维度 × 取值一行",
  "one row per opportunity created in the period": "期间内创建的每个商机一行",
  "one row per rep (complianceByRep) or per channel (complianceByChannel)":
    "每名销售（complianceByRep）或每个渠道（complianceByChannel）一行",
  "one row per plan status (compliant, not_compliant)": "每种计划状态（compliant 达标、not_compliant 未达标）一行",
  "one row per overdue open opportunity": "每个跟进逾期的进行中商机一行",
  "one row per activity type": "每种活动类型一行",
  "one row per dimension (dominant_channel, visit) and value":
    "每个维度（dominant_channel 主要联系方式、visit 是否拜访）及取值一行",
  "one row per segment value of one dimension": "某一维度的每个细分取值一行",
  "one row per account with a won deal": "每个有成交的客户一行",
  "one row per account (accountRfm) or per segment (rfmSegments)":
    "每个客户（accountRfm）或每个分群（rfmSegments）一行",
  "one row per occasion": "每个关怀事项一行",
  "one row per membership tier": "每个会员等级一行",
  "one row per month and category": "每月每个类别一行",
  "one row per ticket category": "每个工单类别一行",
  "one row per account": "每个客户一行",
  "one row per group (complained, no_complaint)": "每个分组（complained 有投诉、no_complaint 无投诉）一行",
  "one row per discount band": "每个折扣区间一行",
  "one row per number of quotes": "每个报价次数一行",
  "one row per outcome": "每种结果一行",
  "one row per month": "每月一行",
  "one row per account, rep or team": "每个客户、销售或团队一行",
  "one row per contract": "每份合同一行",
  "one row per month × currency": "每月 × 币种一行",
  "one row per month or quarter × currency": "每月或每季度 × 币种一行",
  "one row per currency × model × horizon": "每个币种 × 模型 × 预测提前期一行",
  "one row per expected close month or quarter × currency": "每个预计成交月份或季度 × 币种一行",
  "one row per ingest × target month × currency": "每次导入 × 目标月份 × 币种一行",
  "one row per opportunity open at now": "当前每个进行中商机一行",
  "one row per scoring method (logistic regression, naive Bayes, stage-only)":
    "每种评分方法（逻辑回归、朴素贝叶斯、仅按阶段）一行",
  "one row per scoring method per probability bin": "每种评分方法的每个概率区间一行",
  "one row per scoring method per probability bin, before or after recalibration":
    "每种评分方法的每个概率区间一行，分校准前和校准后",
  "one row per open lead": "每条未转化的线索一行",
  "one row per model coefficient": "每个模型系数一行",
  "one row per active rep (owns a deal open now, or created or closed in the period)":
    "每名活跃销售一行（当前有进行中商机，或期间内有商机创建或关闭）",
  "one row per open opportunity suggested for another rep": "每个建议转给其他销售的进行中商机一行",
  "one row per channel with marketing spend in the period": "期间内有营销投入的每个渠道一行",
  "one row per candidate account (no purchase in the period, nothing open)":
    "每个候选客户一行（期间内无购买，且无进行中商机）",
  "one row per account with two purchases or more, nothing open, due by now + 30 days":
    "每个购买两次及以上、无进行中商机、且在今天起 30 天内到期的客户一行",
  "one row per core table": "每张核心表一行",
  "one row per file, rule and column": "每个文件、规则和列一行",
  "one row per check and table": "每项检查和每张表一行",
  "one row per reference column": "每个引用列一行",
  "one row per product value": "每个产品取值一行",
  "one row per key field": "每个关键字段一行",
  "one row per opportunity": "每个商机一行",
  "one row per table and date column": "每张表的每个日期列一行",
  "one row per backward from → to pair": "每个回退的起始 → 目标阶段组合一行"
};
