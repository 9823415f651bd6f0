/** Texts of the pipeline page. */
export const pipelineText = {
  en: {
    "pipeline.intro":
      "The open pipeline: its shape by stage and expected close month, what it is worth weighted by how often deals in each stage are won, whether it covers the rest of the quota, how fast it turns into revenue, how it changed between exports and how it stood at past month-ends.",
    "pipeline.history":
      "The CRM export has no stage history: past stages are reconstructed from the ingest snapshots, so the pipeline at past dates is approximate.",
    "pipeline.currency":
      "Amounts in {currency}. {count} open opportunities in other currencies are left out of the amounts.",
    "pipeline.kpi.open": "Open pipeline",
    "pipeline.kpi.openNote": "{count} open opportunities now",
    "pipeline.kpi.weighted": "Weighted pipeline",
    "pipeline.kpi.weightedNote": "weighted by the stage win rates of the last 365 days",
    "pipeline.kpi.coverage": "Quota coverage",
    "pipeline.kpi.coverageNote": "open pipeline due {period} / quota left {period}",
    "pipeline.coverage.thisQuarter": "this quarter",
    "pipeline.coverage.thisYear": "this year",
    "pipeline.coverage.closedValue": "Does not apply",
    "pipeline.coverage.closed":
      "Coverage does not apply to a closed period: nothing in it is left to close. Choose quarter to date or year to date for the quarter or year under way.",
    "pipeline.kpi.noCoverage": "no remaining quota to cover",
    "pipeline.kpi.velocity": "Sales velocity",
    "pipeline.kpi.velocityNote": "revenue per day the pipeline yields at the period's rates",
    "pipeline.ratio": "{ratio}×",

    "pipeline.open.title": "Open pipeline by stage and expected close month",
    "pipeline.open.text":
      "The opportunities open now by the month they are expected to close. Early-stage mass far out is a different pipeline from late-stage deals due this month. Overdue deals were expected to close before this month and are still open: their close dates need updating.",
    "pipeline.open.chart": "Open amount by expected close month, stacked by stage",
    "pipeline.open.description":
      "Open pipeline {amount} in {count} opportunities; {overdue} of it overdue. Largest month: {largest}.",
    "pipeline.open.axis": "↑ Open amount",
    "pipeline.open.overdue": "Overdue",
    "pipeline.open.later": "Later",
    "pipeline.open.none": "No date",
    "pipeline.col.stage": "Stage",
    "pipeline.col.month": "Expected close",
    "pipeline.col.count": "Opportunities",
    "pipeline.col.amount": "Amount",
    "pipeline.col.weighted": "Weighted amount",

    "pipeline.weighted.title": "Weighted pipeline by stage",
    "pipeline.weighted.text":
      "Each open deal counts by the share of deals in its stage that were won, learned from the opportunities closed in the last 365 days (the configured probability where none reached the stage). The same rates weight every team, region and channel. The tick shows the amount weighted by the configured probabilities instead.",
    "pipeline.weighted.chart": "Open amount per stage and what it is worth weighted",
    "pipeline.weighted.description": "{stages}.",
    "pipeline.weighted.stage": "{stage}: {amount} open, {weighted} weighted",
    "pipeline.weighted.axis": "Amount →",
    "pipeline.weighted.note":
      "Light bar: open amount; dark bar: weighted by the learned probability; black tick: weighted by the configured probability.",
    "pipeline.col.probability": "Learned probability",
    "pipeline.col.configuredProbability": "Configured probability",
    "pipeline.col.configuredWeighted": "Weighted (configured)",

    "pipeline.coverage.title": "Coverage of the remaining quota",
    "pipeline.coverage.text":
      "Open deals expected to close in the quarter or year under way against what is left of its quota (the quota of its months minus the revenue won so far): quarter to date shows the whole quarter, year to date the whole year, and the overview's coverage is this quarter's. Below 1× the pipeline cannot meet the quota even if every deal is won.",
    "pipeline.coverage.chart": "Remaining quota against the pipeline due in the period",
    "pipeline.coverage.description":
      "Remaining quota {remaining}; open pipeline due in the period {open} ({ratio}); weighted {weighted} ({weightedRatio}).",
    "pipeline.coverage.sentence":
      "Quota for the period {quota}, won so far {won}, remaining {remaining}. Open deals due in the period: {count}, for {open} ({weighted} weighted).",
    "pipeline.coverage.remaining": "Remaining quota",
    "pipeline.coverage.open": "Open, due in period",
    "pipeline.coverage.weighted": "Weighted, due in period",
    "pipeline.coverage.axis": "Amount →",
    "pipeline.coverage.noQuota":
      "No quota applies to this filter: quotas are set per rep, so there is none for a channel.",
    "pipeline.coverage.met": "The quota of the period is met: won so far {won} of {quota}.",

    "pipeline.velocity.title": "Sales velocity",
    "pipeline.velocity.text":
      "Open opportunities × average won deal × win rate ÷ average sales cycle: the revenue per day the pipeline yields if deals keep converting as they did in the period. It folds the four levers into one number: 10% more of any of them is 10% more velocity.",
    "pipeline.velocity.formula":
      "{open} open opportunities × {deal} average won deal × {winRate} win rate ÷ {cycle} days average cycle = {velocity} per day.",
    "pipeline.velocity.counts": "Opportunities open on {date}; won {won} and lost {lost} in the period.",
    "pipeline.velocity.none": "Nothing was won or lost in the period, so there is no rate to project.",

    "pipeline.changes.title": "What changed between the two latest exports",
    "pipeline.changes.text":
      "The pipeline expected to close in the period as the earlier export showed it, then what happened to it by the later export: new deals, deals won or lost, deals pushed out of the period or pulled into it, and amounts raised or cut.",
    "pipeline.changes.chart": "Pipeline due in the period: from the earlier export to the later one",
    "pipeline.changes.description": "From {start} on {from} to {end} on {to}: {steps}.",
    "pipeline.changes.between": "Exports of {from} and {to}.",
    "pipeline.changes.axis": "↑ Pipeline due in the period",
    "pipeline.step.start": "Start",
    "pipeline.step.new": "New",
    "pipeline.step.won": "Won",
    "pipeline.step.lost": "Lost",
    "pipeline.step.removed": "Removed in the CRM",
    "pipeline.step.pushed_out": "Pushed out",
    "pipeline.step.pulled_in": "Pulled in",
    "pipeline.step.amount_up": "Amount up",
    "pipeline.step.amount_down": "Amount down",
    "pipeline.step.end": "End",
    "pipeline.col.step": "Step",
    "pipeline.col.change": "Amount or change",
    "pipeline.col.running": "Pipeline after the step",

    "pipeline.past.title": "Pipeline at a past month-end",
    "pipeline.past.text":
      "The open pipeline as it stood at the end of a month: the stage each opportunity was in then, from the stage history; deals closed or moved since count as they were. Pick a month-end to compare it with today.",
    "pipeline.past.pick": "Month-end",
    "pipeline.past.chart": "Open amount at each month-end and now, stacked by stage",
    "pipeline.past.description":
      "Open pipeline at the end of {month}: {amount} in {count} opportunities; now {nowAmount} in {nowCount}.",
    "pipeline.past.axis": "↑ Open amount",
    "pipeline.past.now": "Now",
    "pipeline.past.current":
      "Amounts: {current} of the {count} opportunities open then had no amount recorded by that date (no snapshot or stage-history amount), so today's amount stands in.",
    "pipeline.col.countThen": "Opportunities then",
    "pipeline.col.amountThen": "Amount then",
    "pipeline.col.countNow": "Opportunities now",
    "pipeline.col.amountNow": "Amount now",
    "pipeline.col.amountChange": "Change"
  },
  "zh-CN": {
    "pipeline.intro":
      "当前的在手商机：按阶段和预计成交月份的分布、按各阶段赢单率加权后的价值、能否覆盖剩余配额、转化为收入的速度、两次导出之间的变化，以及过去各月末的管道状况。",
    "pipeline.history": "CRM 导出中没有阶段历史：过去的阶段由各次导入的快照还原，因此历史时点的管道只是近似值。",
    "pipeline.currency": "金额单位为 {currency}。另有 {count} 个其他币种的进行中商机未计入金额。",
    "pipeline.kpi.open": "在手商机",
    "pipeline.kpi.openNote": "当前 {count} 个进行中商机",
    "pipeline.kpi.weighted": "加权商机金额",
    "pipeline.kpi.weightedNote": "按最近 365 天各阶段赢单率加权",
    "pipeline.kpi.coverage": "配额覆盖率",
    "pipeline.kpi.coverageNote": "{period}到期的在手商机 / {period}剩余配额",
    "pipeline.coverage.thisQuarter": "本季度",
    "pipeline.coverage.thisYear": "本年",
    "pipeline.coverage.closedValue": "不适用",
    "pipeline.coverage.closed":
      "已结束的期间不适用覆盖率：期间内已没有待成交的商机。请选择本季度至今或本年至今，查看进行中的季度或年度。",
    "pipeline.kpi.noCoverage": "没有需要覆盖的剩余配额",
    "pipeline.kpi.velocity": "销售速度",
    "pipeline.kpi.velocityNote": "按本期转化水平，当前管道每天带来的收入",
    "pipeline.ratio": "{ratio} 倍",

    "pipeline.open.title": "按阶段和预计成交月份的在手商机",
    "pipeline.open.text":
      "当前进行中的商机，按预计成交月份统计。大量早期商机集中在远期，与本月到期的后期商机是完全不同的管道。逾期商机的预计成交日期早于本月却仍未结束，需要更新成交日期。",
    "pipeline.open.chart": "按预计成交月份的在手商机金额（按阶段堆叠）",
    "pipeline.open.description": "在手商机 {amount}，共 {count} 个；其中逾期 {overdue}。金额最多的月份：{largest}。",
    "pipeline.open.axis": "↑ 在手金额",
    "pipeline.open.overdue": "逾期",
    "pipeline.open.later": "更晚",
    "pipeline.open.none": "无日期",
    "pipeline.col.stage": "阶段",
    "pipeline.col.month": "预计成交",
    "pipeline.col.count": "商机数",
    "pipeline.col.amount": "金额",
    "pipeline.col.weighted": "加权金额",

    "pipeline.weighted.title": "各阶段加权商机金额",
    "pipeline.weighted.text":
      "每个进行中商机按其所处阶段的历史赢单比例计入，该比例从最近 365 天内结束的商机中学习得到（没有商机到达的阶段使用配置概率）。所有团队、区域和渠道使用同一组概率。刻度线表示改用配置概率加权后的金额。",
    "pipeline.weighted.chart": "各阶段在手金额及加权后的价值",
    "pipeline.weighted.description": "{stages}。",
    "pipeline.weighted.stage": "{stage}：在手 {amount}，加权 {weighted}",
    "pipeline.weighted.axis": "金额 →",
    "pipeline.weighted.note": "浅色条：在手金额；深色条：按实际学习概率加权；黑色刻度：按配置概率加权。",
    "pipeline.col.probability": "实际概率",
    "pipeline.col.configuredProbability": "配置概率",
    "pipeline.col.configuredWeighted": "加权金额（配置概率）",

    "pipeline.coverage.title": "剩余配额覆盖率",
    "pipeline.coverage.text":
      "预计在进行中的季度或年度内成交的在手商机，与其剩余配额（各月配额减去已赢单收入）对比：本季度至今看整个季度，本年至今看整年，总览的覆盖率即本季度的。低于 1 倍时，即使全部赢单也完不成配额。",
    "pipeline.coverage.chart": "剩余配额与本期到期的商机金额",
    "pipeline.coverage.description":
      "剩余配额 {remaining}；本期到期的在手商机 {open}（{ratio}）；加权后 {weighted}（{weightedRatio}）。",
    "pipeline.coverage.sentence":
      "本期配额 {quota}，已赢单 {won}，剩余 {remaining}。预计本期成交的进行中商机 {count} 个，金额 {open}（加权 {weighted}）。",
    "pipeline.coverage.remaining": "剩余配额",
    "pipeline.coverage.open": "本期到期的在手商机",
    "pipeline.coverage.weighted": "本期到期的加权金额",
    "pipeline.coverage.axis": "金额 →",
    "pipeline.coverage.noQuota": "此筛选条件没有对应的配额：配额按销售设定，渠道没有配额。",
    "pipeline.coverage.met": "本期配额已完成：已赢单 {won}，配额 {quota}。",

    "pipeline.velocity.title": "销售速度",
    "pipeline.velocity.text":
      "进行中商机数 × 平均赢单金额 × 赢单率 ÷ 平均销售周期：如果商机继续按本期的水平转化，当前管道每天带来的收入。它把四个杠杆合成一个数字：任何一项提高 10%，速度就提高 10%。",
    "pipeline.velocity.formula":
      "{open} 个进行中商机 × 平均赢单金额 {deal} × 赢单率 {winRate} ÷ 平均销售周期 {cycle} 天 = 每天 {velocity}。",
    "pipeline.velocity.counts": "进行中商机数截至 {date}；本期赢单 {won} 个，输单 {lost} 个。",
    "pipeline.velocity.none": "本期没有赢单或输单的商机，无法推算速度。",

    "pipeline.changes.title": "最近两次导出之间的变化",
    "pipeline.changes.text":
      "以较早一次导出中预计本期成交的管道为起点，看到较晚一次导出时发生了什么：新增商机、赢单或输单、推迟出本期或提前到本期，以及金额的调高或调低。",
    "pipeline.changes.chart": "本期到期的管道：从较早导出到较晚导出",
    "pipeline.changes.description": "从 {from} 的 {start} 到 {to} 的 {end}：{steps}。",
    "pipeline.changes.between": "对比 {from} 与 {to} 的导出。",
    "pipeline.changes.axis": "↑ 本期到期的管道",
    "pipeline.step.start": "起点",
    "pipeline.step.new": "新增",
    "pipeline.step.won": "赢单",
    "pipeline.step.lost": "输单",
    "pipeline.step.removed": "已在 CRM 中删除",
    "pipeline.step.pushed_out": "推迟",
    "pipeline.step.pulled_in": "提前",
    "pipeline.step.amount_up": "金额调高",
    "pipeline.step.amount_down": "金额调低",
    "pipeline.step.end": "终点",
    "pipeline.col.step": "环节",
    "pipeline.col.change": "金额或变动",
    "pipeline.col.running": "该环节后的管道",

    "pipeline.past.title": "过去月末的管道",
    "pipeline.past.text":
      "某个月末时的在手商机：按阶段历史还原每个商机当时所处的阶段，此后已结束或变更阶段的商机按当时的状态计入。选择一个月末与当前对比。",
    "pipeline.past.pick": "月末",
    "pipeline.past.chart": "各月末及当前的在手商机金额（按阶段堆叠）",
    "pipeline.past.description": "{month}末的在手商机 {amount}，共 {count} 个；当前 {nowAmount}，共 {nowCount} 个。",
    "pipeline.past.axis": "↑ 在手金额",
    "pipeline.past.now": "当前",
    "pipeline.past.current":
      "金额说明：当时进行中的 {count} 个商机中，有 {current} 个在该日期前没有记录金额（无快照或阶段历史金额），以当前金额代替。",
    "pipeline.col.countThen": "当时商机数",
    "pipeline.col.amountThen": "当时金额",
    "pipeline.col.countNow": "当前商机数",
    "pipeline.col.amountNow": "当前金额",
    "pipeline.col.amountChange": "变化"
  }
};
