/** The forecast page's quarter against quota: one headline forecast, the quota, the gap and the forecast categories. */
export const forecastQuarterText = {
  en: {
    "quarter.kpi.forecast": "Forecast, this quarter",
    "quarter.kpi.forecastNote": "80 % interval {lower} – {upper}; includes {won} already won",
    "quarter.kpi.quota": "Quota, this quarter",
    "quarter.kpi.quotaNote": "won so far {won}",
    "quarter.kpi.noQuota": "no quota applies: quotas are set per rep, not per channel or product, or were not exported",
    "quarter.kpi.gap": "Forecast against quota",
    "quarter.kpi.gapNote": "forecast is {share} of quota",
    "quarter.headline":
      "The headline forecast is {combined}: revenue won so far, plus the open pipeline due this quarter weighted by stage probability, plus a run-rate for deals not in the pipeline yet — the figure the overview shows. The statistical model (a regression of monthly won revenue on trend and season) puts the quarter at {statistical}: it reads only past revenue, not the deals in hand, so it is the check on the headline, not a second answer.",
    "quarter.headlineNoStatistical":
      "The headline forecast is {combined}: revenue won so far, plus the open pipeline due this quarter weighted by stage probability, plus a run-rate for deals not in the pipeline yet — the figure the overview shows.",
    "quarter.categories.heading": "This quarter by forecast category",
    "quarter.categories.intro":
      "The open deals due this quarter as a forecast call groups them, added to what is won, against the quota. A deal's category is the one set in the CRM where the export has it; otherwise its stage's win probability decides: commit from {commit}, best case from {bestCase}, pipeline above 0, omitted at 0 (forecastCategories in shangji.config.json).",
    "quarter.categories.fromExport": "{count} of {total} deals take their category from the export.",
    "quarter.category.won": "Won so far",
    "quarter.category.commit": "Commit",
    "quarter.category.best_case": "Best case",
    "quarter.category.pipeline": "Pipeline",
    "quarter.category.omitted": "Omitted",
    "quarter.col.category": "Category",
    "quarter.col.count": "Deals",
    "quarter.col.amount": "Amount",
    "quarter.col.cumulative": "Won and up to here",
    "quarter.col.gap": "Against quota"
  },
  "zh-CN": {
    "quarter.kpi.forecast": "本季度预测",
    "quarter.kpi.forecastNote": "80% 区间 {lower} – {upper}；含已赢单 {won}",
    "quarter.kpi.quota": "本季度配额",
    "quarter.kpi.quotaNote": "已赢单 {won}",
    "quarter.kpi.noQuota": "无适用配额：配额按销售人员设定，不按渠道或产品拆分，或未导出配额数据",
    "quarter.kpi.gap": "预测与配额之差",
    "quarter.kpi.gapNote": "预测为配额的 {share}",
    "quarter.headline":
      "主预测为 {combined}：已赢单金额，加上本季度到期、按阶段概率加权的在手商机，再加上尚未进入管道的新增趋势——即总览显示的数字。统计模型（按趋势和季节对月度赢单金额回归）给出本季度 {statistical}：它只看过去的收入，不看在手商机，因此用来检验主预测，而不是另一个答案。",
    "quarter.headlineNoStatistical":
      "主预测为 {combined}：已赢单金额，加上本季度到期、按阶段概率加权的在手商机，再加上尚未进入管道的新增趋势——即总览显示的数字。",
    "quarter.categories.heading": "本季度按预测类别",
    "quarter.categories.intro":
      "本季度到期的在手商机按预测会议的分类，与已赢单相加后对比配额。商机的类别取自导出数据中 CRM 设定的类别；没有时按所在阶段的赢单概率划分：{commit} 及以上为承诺，{bestCase} 及以上为最佳情况，大于 0 为管道，为 0 则忽略（shangji.config.json 中的 forecastCategories）。",
    "quarter.categories.fromExport": "{total} 个商机中有 {count} 个的类别取自导出数据。",
    "quarter.category.won": "已赢单",
    "quarter.category.commit": "承诺",
    "quarter.category.best_case": "最佳情况",
    "quarter.category.pipeline": "管道",
    "quarter.category.omitted": "忽略",
    "quarter.col.category": "类别",
    "quarter.col.count": "商机数",
    "quarter.col.amount": "金额",
    "quarter.col.cumulative": "已赢单累计至此",
    "quarter.col.gap": "与配额之差"
  }
};
