import type {Preset} from "./preset.ts";

/** HubSpot CRM exports of deals, contacts and companies (property labels or internal names). */
export const hubspot: Preset = {
  name: "hubspot",
  description: "HubSpot deals, contacts, companies and products exports",
  timezone: "UTC",
  currency: "USD",
  stages: {
    appointmentscheduled: "potential",
    "Appointment Scheduled": "potential",
    qualifiedtobuy: "potential",
    "Qualified To Buy": "potential",
    presentationscheduled: "intent",
    "Presentation Scheduled": "intent",
    decisionmakerboughtin: "intent",
    "Decision Maker Bought-In": "intent",
    contractsent: "negotiation",
    "Contract Sent": "negotiation",
    closedwon: "won",
    "Closed Won": "won",
    closedlost: "lost",
    "Closed Lost": "lost"
  },
  entities: {
    opportunities: {
      signature: ["Deal Stage"],
      columns: {
        opportunity_id: ["Record ID", "Deal ID", "hs_object_id"],
        account_id: [
          "Associated Company IDs (Primary)",
          "Associated Company IDs",
          "Associated Company ID",
          "Associated Company"
        ],
        name: ["Deal Name", "dealname"],
        source: ["Original Source Type", "Original Traffic Source", "hs_analytics_source"],
        owner_rep_id: ["Deal owner", "hubspot_owner_id"],
        amount: ["Amount", "amount"],
        currency: ["Currency", "deal_currency_code"],
        stage: ["Deal Stage", "dealstage"],
        probability: ["Deal probability", "hs_deal_stage_probability"],
        created_at: ["Create Date", "createdate"],
        expected_close_at: ["Close Date", "closedate"],
        lost_reason: ["Closed Lost Reason", "closed_lost_reason"],
        competitor: ["Competitor"],
        forecast_category: ["Forecast category", "hs_forecast_category"],
        product: ["Product"]
      }
    },
    accounts: {
      signature: ["Company name"],
      excludes: ["Email", "First Name", "Deal Stage"],
      columns: {
        account_id: ["Record ID", "Company ID", "hs_object_id"],
        name: ["Company name", "name"],
        industry: ["Industry"],
        employees: ["Number of Employees", "numberofemployees"],
        annual_revenue: ["Annual Revenue", "annualrevenue"],
        country: ["Country/Region", "Country"],
        province: ["State/Region", "State"],
        city: ["City"],
        created_at: ["Create Date", "createdate"],
        owner_rep_id: ["Company owner", "hubspot_owner_id"]
      }
    },
    // the product library; HubSpot exports the "price" property as "Unit price"
    products: {
      anyOf: ["SKU", "hs_sku", "Unit price"],
      // a deal's or a quote's line items carry a price and a SKU too
      excludes: ["Deal Stage", "Email", "Company name", "Quantity"],
      columns: {
        product_id: ["Record ID", "Product ID", "hs_object_id"],
        name: ["Name"],
        list_price: ["Unit price", "Price"]
      }
    },
    contacts: {
      signature: ["Email"],
      // a Salesforce User export has Email, ContactId (read as "Contact ID") and CompanyName too
      excludes: ["Deal Stage", "Username"],
      columns: {
        contact_id: ["Record ID", "Contact ID", "hs_object_id"],
        account_id: [
          "Associated Company IDs (Primary)",
          "Associated Company IDs",
          "Associated Company ID",
          "Company Name"
        ],
        name: ["Full Name", "Name", "Last Name"],
        title: ["Job Title", "jobtitle"],
        birthday: ["Date of birth", "Birthday"],
        email: ["Email", "email"],
        phone: ["Phone Number", "Mobile Phone Number", "phone"]
      }
    }
  }
};
