import type {Preset} from "./preset.ts";

/** Chinese-language exports (纷享销客, 销售易, 悟空CRM and spreadsheets kept by hand). */
export const zh: Preset = {
  name: "zh",
  description: "Chinese headers: 商机编号, 商机名称, 客户名称, 阶段, 金额, 负责人, 创建时间, 预计成交日期, 线索来源 …",
  timezone: "Asia/Shanghai",
  currency: "CNY",
  stages: {},
  entities: {
    reps: {
      signature: ["员工编号"],
      columns: {
        rep_id: ["员工编号", "销售编号", "工号"],
        name: ["姓名", "员工姓名"],
        team: ["团队", "部门", "销售团队"],
        region: ["区域", "大区", "销售区域"],
        manager_id: ["上级编号", "直属上级"],
        hired_at: ["入职日期", "入职时间"],
        specialties: ["擅长领域", "专长"]
      }
    },
    accounts: {
      signature: ["客户编号", "客户名称"],
      excludes: ["商机编号", "商机名称", "联系人编号", "合同编号", "工单编号"],
      columns: {
        account_id: ["客户编号", "客户ID"],
        name: ["客户名称"],
        industry: ["行业", "所属行业"],
        size_band: ["规模", "企业规模"],
        employees: ["员工人数", "人员规模"],
        annual_revenue: ["年营业额", "年收入"],
        currency: ["币种"],
        country: ["国家"],
        province: ["省份", "省", "地区"],
        city: ["城市"],
        credit_rating: ["信用等级", "信用评级"],
        created_at: ["创建时间"],
        owner_rep_id: ["负责人编号", "负责人"],
        membership_tier: ["会员等级"],
        points: ["积分", "会员积分"]
      }
    },
    contacts: {
      signature: ["联系人编号"],
      columns: {
        contact_id: ["联系人编号"],
        account_id: ["客户编号", "客户名称"],
        name: ["姓名", "联系人姓名"],
        title: ["职务", "职位"],
        birthday: ["生日"],
        email: ["邮箱", "电子邮件"],
        phone: ["手机", "电话"]
      }
    },
    products: {
      anyOf: ["产品编号", "产品名称"],
      // a deal, quote or contract naming its product is not the catalogue
      excludes: ["商机编号", "报价编号", "报价单编号", "合同编号", "订单编号", "客户编号"],
      columns: {
        product_id: ["产品编号", "产品ID", "产品代码"],
        name: ["产品名称", "产品"],
        family: ["产品系列", "产品线", "产品类别", "产品分类"],
        list_price: ["标准价格", "目录价格", "单价", "标准价", "价格"],
        currency: ["币种"]
      }
    },
    leads: {
      signature: ["线索编号"],
      excludes: ["商机编号"],
      columns: {
        lead_id: ["线索编号"],
        created_at: ["创建时间"],
        source: ["线索来源", "来源", "渠道"],
        campaign: ["市场活动"],
        owner_rep_id: ["负责人编号", "负责人"],
        status: ["线索状态", "状态"],
        converted_at: ["转化时间"],
        is_converted: ["是否转化", "已转化"],
        converted_opportunity_id: ["转化商机编号"],
        account_id: ["客户编号"],
        rating: ["线索评级", "评级"],
        company: ["公司名称", "公司"],
        contact_name: ["联系人", "联系人姓名"],
        email: ["邮箱", "电子邮件"],
        phone: ["手机", "电话"]
      }
    },
    opportunities: {
      signature: ["商机编号"],
      excludes: ["进入时间", "变更时间", "报价编号", "报价单编号", "合同编号", "跟进编号"],
      columns: {
        opportunity_id: ["商机编号"],
        account_id: ["客户编号", "客户名称"],
        lead_id: ["线索编号"],
        name: ["商机名称"],
        source: ["线索来源", "商机来源", "来源"],
        campaign: ["市场活动"],
        owner_rep_id: ["负责人编号", "负责人"],
        amount: ["金额", "商机金额", "预计金额"],
        currency: ["币种"],
        expected_margin: ["预计毛利率", "毛利率"],
        stage: ["阶段", "销售阶段", "商机阶段"],
        probability: ["赢率", "成交概率"],
        created_at: ["创建时间"],
        expected_close_at: ["预计成交日期", "预计签单日期"],
        closed_at: ["结束时间", "关闭时间", "实际成交日期"],
        outcome: ["商机状态", "状态"],
        lost_reason: ["输单原因", "丢单原因"],
        competitor: ["竞争对手"],
        forecast_category: ["预测类别"],
        product: ["产品", "意向产品", "产品名称"]
      }
    },
    stage_history: {
      signature: ["商机编号", "阶段"],
      columns: {
        opportunity_id: ["商机编号"],
        stage: ["阶段", "销售阶段"],
        entered_at: ["进入时间", "变更时间"],
        amount: ["金额"]
      }
    },
    activities: {
      signature: ["跟进编号"],
      columns: {
        activity_id: ["跟进编号", "活动编号"],
        opportunity_id: ["商机编号"],
        account_id: ["客户编号"],
        rep_id: ["跟进人编号", "跟进人", "负责人"],
        type: ["跟进方式", "跟进类型"],
        occurred_at: ["跟进时间"],
        outcome: ["跟进结果"],
        subject: ["跟进内容", "主题"]
      }
    },
    quotes: {
      signature: ["报价编号"],
      columns: {
        quote_id: ["报价编号", "报价单编号"],
        opportunity_id: ["商机编号"],
        amount: ["报价金额"],
        currency: ["币种"],
        discount: ["折扣"],
        created_at: ["报价日期", "创建时间"],
        status: ["报价状态", "状态"],
        product: ["产品", "产品名称", "报价产品"]
      }
    },
    contracts: {
      signature: ["合同编号"],
      columns: {
        contract_id: ["合同编号"],
        opportunity_id: ["商机编号"],
        account_id: ["客户编号"],
        amount: ["合同金额"],
        currency: ["币种"],
        signed_at: ["签约日期", "签订日期"],
        status: ["合同状态", "状态"],
        paid_amount: ["已回款金额", "回款金额"],
        due_at: ["回款到期日", "到期日"]
      }
    },
    payments: {
      anyOf: ["回款计划编号", "回款编号", "回款单编号", "回款计划ID"],
      columns: {
        payment_id: ["回款计划编号", "回款编号", "回款单编号", "回款计划ID"],
        contract_id: ["合同编号"],
        planned_at: ["计划回款日期", "计划回款时间", "回款计划日期"],
        planned_amount: ["计划回款金额", "计划金额"],
        received_at: ["实际回款日期", "回款日期", "实际回款时间", "到账日期"],
        received_amount: ["实际回款金额", "已回款金额", "回款金额", "到账金额"],
        currency: ["币种"]
      }
    },
    tickets: {
      signature: ["工单编号"],
      columns: {
        ticket_id: ["工单编号"],
        account_id: ["客户编号"],
        category: ["工单类型", "类别"],
        opened_at: ["创建时间", "提交时间"],
        resolved_at: ["解决时间"],
        satisfaction: ["满意度"]
      }
    },
    marketing_spend: {
      signature: ["渠道", "月份"],
      columns: {channel: ["渠道"], month: ["月份"], cost: ["费用", "花费", "投放金额"], currency: ["币种"]}
    },
    quotas: {
      signature: ["月份"],
      columns: {
        rep_id: ["员工编号", "销售编号", "负责人"],
        month: ["月份"],
        quota: ["业绩目标", "目标金额", "指标"],
        currency: ["币种"]
      }
    },
    exchange_rates: {
      signature: ["币种", "汇率"],
      columns: {currency: ["币种", "货币"], rate_date: ["日期", "月份"], rate: ["汇率"]}
    }
  }
};
