// The alert draft an imported spot-check batch makes for its 不合格 enterprises: source 监督抽查, level 一般, the
// explicit list of those enterprises, and what to do worded only from the batch's own 不合格项目 (the formal
// requirements are in the result notice, which the text points to). One draft per batch: importing more results of a
// batch whose draft is still unconfirmed rewrites that draft; once it was confirmed or cancelled, the newly
// imported 不合格 results make a new one. Staff confirm it on the console or the API; nothing is sent here.
import { recordAudit } from '../../../admin/audit.ts'
import { operatorOf, type Principal, type Via } from '../../../admin/principal.ts'
import type { DbOrTx } from '../../../db/client.ts'
import { listCell } from '../../../import/kind.ts'
import { findStaff, listActiveStaff } from '../../staff/staff.repo.ts'
import type { StaffView } from '../../staff/staff.schema.ts'
import { alertNumber, createDraft, findAlert } from '../alert.repo.ts'
import { type AlertDraft, parseDeadline } from '../alert.schema.ts'

interface Failed {
  creditCode: string
  product: string
  failedItems: string
  conclusion: string
  batch: string
}

/** The receipt deadline of a draft from an import, which staff see in the preview before they confirm. */
export const SPOT_CHECK_DUE = '7天'

/** The importing staff member; with the token or the command line, the first admin in the directory. */
async function publisherOf(db: DbOrTx, who: Principal): Promise<StaffView | null> {
  if (who.kind === 'staff') return findStaff(db, who.staff.id)
  return (await listActiveStaff(db)).find((s) => s.role === 'admin') ?? null
}

const joined = (values: string[], max: number) => {
  const unique = [...new Set(values)]
  let text = unique.join('、')
  if (text.length > max) text = `${text.slice(0, max)}…等`
  return text
}

export function spotCheckDraft(batch: string, rows: Failed[], now: Date): AlertDraft {
  const products = joined(
    rows.map((r) => r.product),
    80,
  )
  const items = joined(
    rows.flatMap((r) => listCell(r.failedItems)),
    200,
  )
  return {
    title: `监督抽查不合格风险提示：${batch}`.slice(0, 60),
    level: '一般',
    source: '监督抽查',
    audience: { industries: [], products: [], towns: [], creditCodes: [...new Set(rows.map((r) => r.creditCode))] },
    action:
      `在“${batch.slice(0, 60)}”中，贵企业有产品抽查结论为不合格。本批次涉及产品：${products}；不合格项目：${items}。` +
      '请对照上述不合格项目核查相关产品，具体处理要求以监督抽查结果通知书为准。',
    receiptDue: parseDeadline(SPOT_CHECK_DUE, now)!,
  }
}

export async function draftsForBatches(
  db: DbOrTx,
  done: { records: Failed[]; who: Principal; via: Via; now: Date },
): Promise<string[]> {
  const failed = done.records.filter((r) => r.conclusion === '不合格')
  if (!failed.length) return []
  const publisher = await publisherOf(db, done.who)
  if (!publisher)
    return ['抽查结果已记录，但人员名单中没有管理员，未生成预警草稿：请工作人员登录工作台后在“预警”中发布。']
  const notes: string[] = []
  const platform = operatorOf(publisher, done.who.kind === 'staff' ? done.who.method : undefined)?.platform ?? 'console'
  for (const batch of new Set(failed.map((r) => r.batch))) {
    const link = await db.spotCheckBatch.findUnique({ where: { batch } })
    const current = link ? await findAlert(db, link.alertId) : null
    let alertId: number
    let before: unknown = null
    if (current?.status === 'draft') {
      const all = await db.spotCheckResult.findMany({ where: { batch, conclusion: '不合格' }, orderBy: { id: 'asc' } })
      const draft = spotCheckDraft(batch, all, done.now)
      before = { audience: current.audience, action: current.action }
      await db.alert.update({
        where: { id: current.id },
        data: { audience: JSON.stringify(draft.audience), action: draft.action, version: current.version + 1 },
      })
      alertId = current.id
    } else {
      const draft = spotCheckDraft(
        batch,
        failed.filter((r) => r.batch === batch),
        done.now,
      )
      alertId = (await createDraft(db, draft, publisher, platform, done.now)).id
      await db.spotCheckBatch.upsert({ where: { batch }, create: { batch, alertId }, update: { alertId } })
    }
    const after = await findAlert(db, alertId)
    await recordAudit(
      db,
      done.who,
      done.via,
      {
        action: 'alert.draft',
        subject: `alert:${alertId}`,
        before,
        after: { batch, title: after?.title, audience: after?.audience, action: after?.action, status: 'draft' },
      },
      done.now,
    )
    notes.push(
      `批次“${batch}”的不合格企业已生成预警草稿 ${alertNumber(alertId)}（尚未发出），请在工作台“预警”中核对范围后确认发布。`,
    )
  }
  return notes
}
