/** Texts of the explore page. */
export const exploreText = {
  en: {
    "explore.intro":
      "An example of a page an analyst writes: a data loader of a few lines runs one SQL query on the warehouse at build time (src/data/explore.json.ts), and the JavaScript cells of src/explore.md draw it with Plot and Inputs. Copy both to start a page of your own; the README's “Writing a new page” explains the steps.",
    "explore.noFilter":
      "This page does not use the filter bar: it shows won deals of every team, region and channel, all months, as the warehouse holds them.",
    "explore.controls": "Choose what to draw",
    "explore.measure": "Measure",
    "explore.measure.won_amount": "won amount",
    "explore.measure.n_won": "won deals",
    "explore.grain": "Per",
    "explore.grain.month": "month",
    "explore.grain.quarter": "quarter",
    "explore.channels": "Channels",
    "explore.chart.title": "{measure} per {grain} of the close date, by channel",
    "explore.chart.description":
      "{n} won deals worth {amount} from {first} to {last}; the largest channel is {top} with {share} of the {measure}.",
    "explore.chart.empty": "No won deal in the chosen channels.",
    "explore.chart.note": "Months are calendar months in UTC. A deal counts in the month it was closed.",
    "explore.table.title": "Totals per channel",
    "explore.table.intro": "Over all months, for the channels chosen above; share is of the chosen channels' total.",
    "explore.table.channel": "channel",
    "explore.table.wonDeals": "won deals",
    "explore.table.wonAmount": "won amount",
    "explore.table.share": "share of amount",
    "explore.table.average": "average deal",
    "explore.unknownChannel": "no channel",
    "explore.empty": "No won deal has been loaded yet."
  },
  "zh-CN": {
    "explore.intro":
      "这是分析人员自行编写页面的示例：一个只有几行的数据加载器在构建时对数据仓库执行一条 SQL 查询（src/data/explore.json.ts），src/explore.md 中的 JavaScript 单元格再用 Plot 和 Inputs 把结果画出来。复制这两个文件即可开始编写自己的页面；README 的“Writing a new page”一节说明了具体步骤。",
    "explore.noFilter": "本页不使用筛选栏：显示数据仓库中所有团队、区域和渠道在全部月份的赢单。",
    "explore.controls": "选择要绘制的内容",
    "explore.measure": "指标",
    "explore.measure.won_amount": "赢单金额",
    "explore.measure.n_won": "赢单数",
    "explore.grain": "时间粒度",
    "explore.grain.month": "月",
    "explore.grain.quarter": "季度",
    "explore.channels": "渠道",
    "explore.chart.title": "按成交日期每{grain}的{measure}（按渠道）",
    "explore.chart.description":
      "{first} 至 {last} 共赢单 {n} 个，金额 {amount}；最大的渠道是 {top}，占{measure}的 {share}。",
    "explore.chart.empty": "所选渠道没有赢单。",
    "explore.chart.note": "月份为 UTC 自然月，商机计入其成交的月份。",
    "explore.table.title": "各渠道合计",
    "explore.table.intro": "所选渠道在全部月份的合计；占比指占所选渠道合计金额的比例。",
    "explore.table.channel": "渠道",
    "explore.table.wonDeals": "赢单数",
    "explore.table.wonAmount": "赢单金额",
    "explore.table.share": "金额占比",
    "explore.table.average": "平均单笔金额",
    "explore.unknownChannel": "无渠道",
    "explore.empty": "尚未导入任何赢单。"
  }
};
