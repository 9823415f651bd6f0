import type {Preset} from "./preset.ts";

/** Salesforce Data Loader / Data Export files (API names) and report exports (field labels). */
export const salesforce: Preset = {
  name: "salesforce",
  description: "Salesforce Opportunity, OpportunityHistory, Lead, Account, User, Task and Product2 exports",
  timezone: "UTC",
  currency: "USD",
  stages: {
    Prospecting: "potential",
    Qualification: "potential",
    "Needs Analysis": "intent",
    "Value Proposition": "intent",
    "Id. Decision Makers": "intent",
    "Perception Analysis": "intent",
    "Proposal/Price Quote": "negotiation",
    "Negotiation/Review": "negotiation",
    "Closed Won": "won",
    "Closed Lost": "lost"
  },
  entities: {
    opportunities: {
      // Data Loader exports use API names (StageName), report exports field labels (Stage)
      anyOf: ["StageName", "Stage"],
      excludes: ["OpportunityId", "From Stage", "To Stage"],
      columns: {
        opportunity_id: ["Id", "Opportunity ID"],
        account_id: ["AccountId", "Account ID", "Account Name"],
        name: ["Name", "Opportunity Name"],
        source: ["LeadSource", "Lead Source"],
        campaign: ["CampaignId", "Primary Campaign Source"],
        owner_rep_id: ["OwnerId", "Owner ID", "Opportunity Owner"],
        amount: ["Amount"],
        currency: ["CurrencyIsoCode", "Opportunity Currency"],
        stage: ["StageName", "Stage"],
        probability: ["Probability", "Probability (%)"],
        created_at: ["CreatedDate", "Created Date"],
        expected_close_at: ["CloseDate", "Close Date"],
        lost_reason: ["Loss_Reason__c", "Loss Reason"],
        competitor: ["MainCompetitors__c", "Main Competitor(s)"],
        forecast_category: ["ForecastCategoryName", "Forecast Category"],
        product: ["Product__c", "Product"]
      }
    },
    stage_history: {
      signature: ["OpportunityId", "StageName"],
      columns: {
        opportunity_id: ["OpportunityId"],
        stage: ["StageName"],
        entered_at: ["CreatedDate"],
        amount: ["Amount"]
      }
    },
    leads: {
      signature: ["Company"],
      columns: {
        lead_id: ["Id", "Lead ID"],
        created_at: ["CreatedDate", "Created Date"],
        source: ["LeadSource", "Lead Source"],
        owner_rep_id: ["OwnerId", "Lead Owner"],
        status: ["Status", "Lead Status"],
        converted_at: ["ConvertedDate", "Converted Date"],
        is_converted: ["IsConverted", "Converted"],
        converted_opportunity_id: ["ConvertedOpportunityId"],
        account_id: ["ConvertedAccountId"],
        rating: ["Rating"],
        company: ["Company"],
        contact_name: ["Name", "Full Name", "LastName"],
        email: ["Email"],
        phone: ["Phone"]
      }
    },
    accounts: {
      signature: ["Name"],
      excludes: [
        "Company",
        "StageName",
        "Username",
        "Subject",
        "Email",
        "AccountId",
        "ProductCode",
        "Family",
        "Product2Id"
      ],
      columns: {
        account_id: ["Id", "Account ID"],
        name: ["Name", "Account Name"],
        industry: ["Industry"],
        employees: ["NumberOfEmployees", "Employees"],
        annual_revenue: ["AnnualRevenue", "Annual Revenue"],
        currency: ["CurrencyIsoCode"],
        country: ["BillingCountry", "Billing Country"],
        province: ["BillingState", "Billing State/Province"],
        city: ["BillingCity", "Billing City"],
        created_at: ["CreatedDate", "Created Date"],
        owner_rep_id: ["OwnerId", "Account Owner"]
      }
    },
    // Product2 (the catalogue), or a price book's entries (PricebookEntry, a Products report) for the list price
    products: {
      anyOf: ["ProductCode", "Product Code", "Family", "Product Family", "Product2Id"],
      // an opportunity's or a quote's line items name products too
      excludes: ["OpportunityId", "Opportunity ID", "Opportunity Name", "QuoteId", "StageName", "Stage", "Quantity"],
      columns: {
        product_id: ["Product2Id", "Id", "Product ID", "ProductCode", "Product Code"],
        name: ["Name", "Product Name"],
        family: ["Family", "Product Family"],
        list_price: ["UnitPrice", "List Price"],
        currency: ["CurrencyIsoCode"]
      }
    },
    contacts: {
      signature: ["AccountId", "Email"],
      // a User export has AccountId and Email too (portal users)
      excludes: ["StageName", "Subject", "Username"],
      columns: {
        contact_id: ["Id", "Contact ID"],
        account_id: ["AccountId"],
        name: ["Name", "Full Name", "LastName"],
        title: ["Title"],
        birthday: ["Birthdate"],
        email: ["Email"],
        phone: ["Phone", "MobilePhone"]
      }
    },
    reps: {
      signature: ["Username"],
      columns: {
        rep_id: ["Id", "User ID"],
        name: ["Name", "Full Name"],
        team: ["Department", "UserRole.Name"],
        region: ["Division"],
        manager_id: ["ManagerId"]
      }
    },
    activities: {
      signature: ["Subject"],
      columns: {
        activity_id: ["Id", "Activity ID"],
        opportunity_id: ["WhatId"],
        account_id: ["AccountId"],
        rep_id: ["OwnerId", "Assigned"],
        type: ["TaskSubtype", "Type"],
        occurred_at: ["CompletedDateTime", "ActivityDate", "CreatedDate"],
        outcome: ["CallDisposition"],
        subject: ["Subject"]
      }
    }
  }
};
