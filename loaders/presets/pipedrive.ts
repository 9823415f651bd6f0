import type {Preset} from "./preset.ts";

/** Pipedrive exports of deals, activities, persons and organizations ("Deal - Title" style headers). */
export const pipedrive: Preset = {
  name: "pipedrive",
  description: "Pipedrive deals, activities, persons and organizations exports",
  timezone: "UTC",
  currency: "USD",
  stages: {
    Qualified: "potential",
    "Contact Made": "potential",
    "Demo Scheduled": "intent",
    "Needs Defined": "intent",
    "Proposal Made": "negotiation",
    "Negotiations Started": "negotiation"
  },
  entities: {
    opportunities: {
      signature: ["Deal - Stage"],
      columns: {
        opportunity_id: ["Deal - ID"],
        account_id: ["Deal - Organization ID", "Deal - Organization"],
        name: ["Deal - Title"],
        source: ["Deal - Source channel", "Deal - Source", "Deal - Source origin"],
        owner_rep_id: ["Deal - Owner"],
        amount: ["Deal - Value"],
        currency: ["Deal - Currency"],
        stage: ["Deal - Stage"],
        probability: ["Deal - Probability"],
        created_at: ["Deal - Deal created", "Deal - Add time"],
        expected_close_at: ["Deal - Expected close date"],
        closed_at: ["Deal - Deal closed on", "Deal - Close time", "Deal - Won time", "Deal - Lost time"],
        outcome: ["Deal - Status"],
        lost_reason: ["Deal - Lost reason"],
        product: ["Deal - Product name"]
      }
    },
    activities: {
      signature: ["Activity - ID"],
      columns: {
        activity_id: ["Activity - ID"],
        opportunity_id: ["Activity - Deal ID", "Deal - ID"],
        account_id: ["Activity - Organization ID", "Organization - ID"],
        rep_id: ["Activity - Assigned to user", "Activity - Owner"],
        type: ["Activity - Type"],
        occurred_at: ["Activity - Marked as done time", "Activity - Due date", "Activity - Add time"],
        outcome: ["Activity - Note"],
        subject: ["Activity - Subject"]
      }
    },
    contacts: {
      signature: ["Person - ID"],
      columns: {
        contact_id: ["Person - ID"],
        account_id: ["Person - Organization ID", "Person - Organization"],
        name: ["Person - Name"],
        title: ["Person - Job title"],
        birthday: ["Person - Birthday"],
        email: ["Person - Email - Work", "Person - Email"],
        phone: ["Person - Phone - Work", "Person - Phone"]
      }
    },
    accounts: {
      signature: ["Organization - ID"],
      excludes: ["Person - ID", "Deal - ID", "Activity - ID"],
      columns: {
        account_id: ["Organization - ID"],
        name: ["Organization - Name"],
        industry: ["Organization - Industry"],
        employees: ["Organization - Number of employees"],
        annual_revenue: ["Organization - Annual revenue"],
        country: ["Organization - Country of Address"],
        province: ["Organization - State/County of Address"],
        city: ["Organization - City/town/village/locality of Address", "Organization - City of Address"],
        created_at: ["Organization - Organization created", "Organization - Add time"],
        owner_rep_id: ["Organization - Owner"]
      }
    }
  }
};
