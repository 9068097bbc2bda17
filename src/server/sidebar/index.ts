/** The customer sidebar's shell: open, search, history, follow-ups, purchases and feedback. */
export {
  customerSidebarData,
  logFollowUp,
  menuCustomerSidebar,
  recordFeedback,
  recordPurchase,
  searchCustomers,
} from './sidebar';
export type { CustomerCard, FollowUpInput, RecordResult, SidebarData } from './sidebar';
