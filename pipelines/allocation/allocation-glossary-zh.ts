import type {GlossaryZh} from "../lib/glossary-entry.ts";

/** The definitions of allocationGlossary in Chinese, by metric (by pipeline:metric where two pipelines share a metric). */
export const allocationGlossaryZh: GlossaryZh = {
  load_ratio:
    "该销售当前持有的进行中商机数 / 同团队活跃销售的中位数；超过中位数的 1.5 倍即为超负荷（is_overloaded）。weighted_load_ratio 用 Σ 金额 × 赢单概率做同样计算。",
  weighted_value:
    "该销售进行中商机的 Σ 金额 × 赢单概率（有评分时用评分，否则用学习到的阶段概率）；expected_value 再乘以毛利率。",
  expected_value_gain:
    "金额 × 毛利率 × (p′ − p)：p 为商机在现负责人手中的赢单概率，p′ 为在几率尺度上把负责人该行业的收缩后赢单率换成新销售的（logit p′ = logit p + logit r_new − logit r_owner）。只对高价值商机（期望价值不低于全部商机的中位数）给出建议，且其负责人超负荷或低于该行业的合并赢单率；转给同团队中记录最好、且转入后不超过团队中位数 1.5 倍的销售；任何销售转出的商机不超过其进行中商机的 20%。",
  roi: "期间内 (赢单毛利 − 投入) / 投入；区间上下限取渠道赢单率 95% Wilson 区间边界对应的赢单数，每单按该渠道的平均赢单毛利计。",
  cost_per_won_deal: "投入 / 赢单数；区间上下限用赢单率 Wilson 区间边界对应的赢单数去除。",
  next_share: "按回报比例分配的规则：该渠道在有投入渠道带来的赢单毛利中所占的份额；next_budget = 份额 × 期间总投入。",
  margin_at_next_budget:
    "next_budget × 该渠道在期间内每单位投入的回报：按上一期回报水平，建议的分配方案本可带来的毛利。假设回报不变，因此是上限（渠道投入增加时回报会下降）。"
};
