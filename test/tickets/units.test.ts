// Pure parts of the ticket feature: lifecycle, working-hours SLA, routing, numbering, phone numbers, role checks.
import { describe, expect, it } from 'vitest'
import { canDecideApproval, canSeeTicket, type TicketScope } from '../../src/features/staff/staff.roles.ts'
import type { StaffView } from '../../src/features/staff/staff.schema.ts'
import { detectCategory } from '../../src/features/tickets/categories.ts'
import { formatTicketNumber, parseTicketNumber, ticketYear } from '../../src/features/tickets/numbering.ts'
import { maskPhone, normalizePhone } from '../../src/features/tickets/phone.ts'
import { pickAssignee } from '../../src/features/tickets/routing.ts'
import { overdueReason } from '../../src/features/tickets/sla.ts'
import { transition } from '../../src/features/tickets/state-machine.ts'
import { addWorkingMinutes, buildCalendar, workingMinutesBetween } from '../../src/features/tickets/working-hours.ts'

const cal = buildCalendar({
  workingHours: [
    { start: '08:30', end: '12:00' },
    { start: '13:30', end: '17:30' },
  ],
  holidays: ['2026-10-01'],
  workdays: ['2026-10-10'],
})
/** An instant given in Shanghai local time. */
const sh = (local: string) => new Date(`${local}+08:00`)

describe('working-hours SLA', () => {
  it('counts only office time, skipping the lunch break', () => {
    expect(addWorkingMinutes(sh('2026-11-24T11:00:00'), 120, cal)).toEqual(sh('2026-11-24T14:30:00'))
  })
  it('starts at the next window when opened at night', () => {
    expect(addWorkingMinutes(sh('2026-11-24T20:00:00'), 60, cal)).toEqual(sh('2026-11-25T09:30:00'))
  })
  it('skips the weekend', () => {
    // Friday 17:00 + 1 h → 30 min on Friday, 30 min on Monday
    expect(addWorkingMinutes(sh('2026-11-27T17:00:00'), 60, cal)).toEqual(sh('2026-11-30T09:00:00'))
  })
  it('skips listed holidays and counts listed working weekends', () => {
    // 2026-09-30 is a Wednesday; 10-01 is listed as a holiday
    expect(addWorkingMinutes(sh('2026-09-30T17:00:00'), 60, cal)).toEqual(sh('2026-10-02T09:00:00'))
    // 2026-10-10 is a Saturday listed as a working day
    expect(addWorkingMinutes(sh('2026-10-09T17:30:00'), 30, cal)).toEqual(sh('2026-10-10T09:00:00'))
  })
  it('measures working minutes between instants', () => {
    expect(workingMinutesBetween(sh('2026-11-24T11:00:00'), sh('2026-11-24T14:30:00'), cal)).toBe(120)
    expect(workingMinutesBetween(sh('2026-11-27T17:00:00'), sh('2026-11-30T09:00:00'), cal)).toBe(60)
  })
  it('escalates once and stops the clock when resolved', () => {
    const base = {
      status: 'assigned',
      firstResponseDue: sh('2026-11-24T10:00:00'),
      resolutionDue: sh('2026-11-30T10:00:00'),
      firstRespondedAt: null,
      resolvedAt: null,
      escalatedAt: null,
    }
    const now = sh('2026-11-24T10:05:00')
    expect(overdueReason(base, now)).toBe('first_response')
    expect(overdueReason({ ...base, escalatedAt: now }, now)).toBeNull()
    expect(overdueReason({ ...base, status: 'resolved', resolvedAt: now }, sh('2026-12-30T10:00:00'))).toBeNull()
    expect(overdueReason({ ...base, firstRespondedAt: now }, sh('2026-11-30T10:00:00'))).toBe('resolution')
  })
})

describe('lifecycle', () => {
  const t = (status: string, needsApproval = false) => ({ status, needsApproval })
  it('allows the documented path', () => {
    expect(transition('accept', t('assigned'), ['assignee'])).toEqual({ ok: true, to: 'in_progress' })
    expect(transition('request_approval', t('in_progress'), ['assignee'])).toEqual({ ok: true, to: 'pending_approval' })
    expect(transition('approve', t('pending_approval'), ['approver'])).toEqual({ ok: true, to: 'approved' })
    expect(transition('resolve', t('approved', true), ['assignee'])).toEqual({ ok: true, to: 'resolved' })
    expect(transition('close', t('resolved'), ['contact'])).toEqual({ ok: true, to: 'closed' })
    expect(transition('reopen', t('resolved'), ['contact'])).toEqual({ ok: true, to: 'reopened' })
  })
  it('refuses the wrong person, the wrong state and resolving before approval', () => {
    expect(transition('approve', t('pending_approval'), ['assignee', 'contact'])).toMatchObject({
      reason: 'not_allowed',
    })
    expect(transition('approve', t('approved'), ['approver'])).toMatchObject({ reason: 'wrong_state' })
    expect(transition('resolve', t('in_progress', true), ['assignee'])).toMatchObject({ reason: 'needs_approval' })
    expect(transition('reopen', t('closed'), ['contact'])).toMatchObject({ reason: 'wrong_state' })
  })
})

const staff = (id: number, over: Partial<StaffView> = {}): StaffView => ({
  id,
  name: `s${id}`,
  department: '计量科',
  role: 'staff',
  isLead: false,
  categories: ['metrology'],
  industries: [],
  towns: [],
  identities: [],
  active: true,
  ...over,
})

describe('routing', () => {
  const scope = { category: 'metrology', industry: '鞋服', town: '娄桥街道' }
  it('prefers the most specific cover, then the least recently assigned', () => {
    const a = { staff: staff(1), lastTicketId: null }
    const b = { staff: staff(2, { industries: ['鞋服'] }), lastTicketId: 9 }
    const c = { staff: staff(3, { industries: ['鞋服'] }), lastTicketId: 4 }
    expect(pickAssignee([a, b, c], scope)?.staff.id).toBe(3)
    expect(pickAssignee([a, b, { ...c, lastTicketId: 10 }], scope)?.staff.id).toBe(2)
    expect(pickAssignee([a, { ...b, lastTicketId: null }, { ...c, lastTicketId: null }], scope)?.staff.id).toBe(2)
  })
  it('falls back to the department lead, then an admin', () => {
    const lead = { staff: staff(5, { categories: [], isLead: true, role: 'official' }), lastTicketId: null }
    const admin = { staff: staff(6, { categories: [], role: 'admin', department: '办公室' }), lastTicketId: null }
    const other = { staff: staff(7, { industries: ['锁具'] }), lastTicketId: null }
    expect(pickAssignee([other, lead, admin], scope)).toMatchObject({ staff: { id: 5 }, reason: 'department_lead' })
    expect(pickAssignee([other, admin], scope)).toMatchObject({ staff: { id: 6 }, reason: 'admin' })
    expect(pickAssignee([], scope)).toBeNull()
  })
})

describe('role checks', () => {
  const ticket: TicketScope = {
    category: 'fee_waiver',
    assigneeId: 1,
    approvalDepartment: '认证检测科',
    enterpriseId: 10,
    contactId: 3,
  }
  it('lets only officials of the department or admins decide', () => {
    expect(canDecideApproval(staff(2, { role: 'official', department: '认证检测科' }), ticket)).toBe(true)
    expect(canDecideApproval(staff(2, { role: 'official', department: '计量科' }), ticket)).toBe(false)
    expect(canDecideApproval(staff(1), ticket)).toBe(false)
    expect(canDecideApproval(staff(9, { role: 'admin' }), ticket)).toBe(true)
    expect(canDecideApproval(null, ticket)).toBe(false)
  })
  it('shows a contact only their enterprise', () => {
    expect(canSeeTicket({ kind: 'contact', contact: { id: 4, enterpriseId: 10 } }, ticket)).toBe(true)
    expect(canSeeTicket({ kind: 'contact', contact: { id: 3, enterpriseId: 11 } }, ticket)).toBe(false)
    expect(canSeeTicket({ kind: 'staff', staff: staff(8, { categories: ['ip'] }) }, ticket)).toBe(false)
  })
})

describe('numbers, phones, categories', () => {
  it('formats and parses ticket numbers with the Shanghai year', () => {
    expect(formatTicketNumber(2026, 123)).toBe('QS-2026-000123')
    expect(parseTicketNumber('qs-2026-000123')).toEqual({ year: 2026, sequence: 123 })
    expect(ticketYear(new Date('2026-12-31T16:30:00Z'))).toBe(2027)
  })
  it('accepts mainland mobiles and landlines, and masks them', () => {
    expect(normalizePhone('+86 138 1234 5678')).toEqual({ ok: true, phone: '13812345678' })
    expect(normalizePhone('0577-88886666')).toEqual({ ok: true, phone: '0577-88886666' })
    expect(normalizePhone('057788886666')).toEqual({ ok: true, phone: '0577-88886666' })
    expect(normalizePhone('12345678901').ok).toBe(false)
    expect(normalizePhone('abc').ok).toBe(false)
    expect(maskPhone('13812345678')).toBe('138****5678')
    expect(maskPhone('0577-88886666')).toBe('0577-****6666')
  })
  it('detects the category a request talks about', () => {
    expect(detectCategory('我要申请上门计量校准')?.code).toBe('metrology')
    expect(detectCategory('帮我约检测')?.code).toBe('testing')
    expect(detectCategory('申请检验检测费用减免')?.code).toBe('fee_waiver')
  })
})
