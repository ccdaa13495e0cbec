// Who may do what: pure functions over the staff row and the ticket, so every check is testable on its own and
// every handler asks the same question the same way.
import type { StaffView } from './staff.schema.ts'

/** What a role check needs to know about a ticket. */
export interface TicketScope {
  category: string
  assigneeId: number | null
  approvalDepartment: string | null
  enterpriseId: number | null
  contactId: number | null
  /** The enterprise's industry and town, when known. */
  industry?: string | null
  town?: string | null
}

export interface ContactScope {
  id: number
  enterpriseId: number | null
}

export type Viewer = { kind: 'staff'; staff: StaffView } | { kind: 'contact'; contact: ContactScope }

const coversValue = (list: string[], value: string | null | undefined) =>
  list.length === 0 || (value !== null && value !== undefined && list.includes(value))

/** A staff member covers a ticket when its category is theirs and its industry and town are within their lists. */
export function coversTicket(
  staff: StaffView,
  ticket: { category: string; industry?: string | null; town?: string | null },
): boolean {
  return (
    staff.categories.includes(ticket.category) &&
    coversValue(staff.industries, ticket.industry) &&
    coversValue(staff.towns, ticket.town)
  )
}

/** Only an official of the ticket's approving department, or an admin, decides an approval. */
export function canDecideApproval(staff: StaffView | null, ticket: TicketScope): boolean {
  if (!staff?.active) return false
  if (staff.role === 'admin') return true
  return (
    staff.role === 'official' && ticket.approvalDepartment !== null && staff.department === ticket.approvalDepartment
  )
}

/** The assignee works the ticket; an admin may step in. */
export function canWorkTicket(staff: StaffView | null, ticket: TicketScope): boolean {
  if (!staff?.active) return false
  return staff.role === 'admin' || (ticket.assigneeId !== null && staff.id === ticket.assigneeId)
}

/** Transfer: the assignee, a lead or official of the assignee's department, or an admin. */
export function canTransferTicket(staff: StaffView | null, ticket: TicketScope, assigneeDepartment: string | null) {
  if (canWorkTicket(staff, ticket)) return true
  return Boolean(
    staff?.active && (staff.isLead || staff.role === 'official') && staff.department === assigneeDepartment,
  )
}

/** A contact sees their enterprise's tickets (or, unbound, their own); staff what they cover; admin all. */
export function canSeeTicket(viewer: Viewer, ticket: TicketScope): boolean {
  if (viewer.kind === 'contact') {
    const { contact } = viewer
    if (contact.enterpriseId !== null) return ticket.enterpriseId === contact.enterpriseId
    return ticket.contactId === contact.id
  }
  const { staff } = viewer
  if (!staff.active) return false
  if (staff.role === 'admin') return true
  if (ticket.assigneeId === staff.id) return true
  if (staff.role === 'official' && ticket.approvalDepartment === staff.department) return true
  return coversTicket(staff, ticket)
}
