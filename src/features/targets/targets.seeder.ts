// Demo figures for the targets (seed/demo/targets.json): a few staff-recorded figures and earlier months'
// snapshots, so the simulator's 月调度报告 shows a course over the months. Idempotent: records are added only
// when the target has none, snapshots are upserted.
import { z } from 'zod'
import type { Seeder } from '../../bot/feature.ts'
import { PLAN_TARGETS } from './targets.config.ts'

const code = z.string().refine((c) => PLAN_TARGETS.some((t) => t.code === c), 'unknown target code')
const fileSchema = z.object({
  recordedBy: z.string().min(1),
  records: z.array(z.object({ target: code, value: z.number().int().min(0), note: z.string().optional() })),
  snapshots: z.array(
    z.object({ month: z.string().regex(/^\d{4}-\d{2}$/), values: z.record(code, z.number().int().min(0)) }),
  ),
})

export const targetsSeeder: Seeder = {
  name: 'targets',
  file: 'targets.json',
  async load(db, data) {
    const file = fileSchema.parse(data)
    const staff = await db.staff.findFirst({ where: { name: file.recordedBy } })
    if (!staff) throw new Error(`targets demo: no staff member named ${file.recordedBy}`)
    let records = 0
    for (const r of file.records) {
      if (await db.targetRecord.findFirst({ where: { target: r.target } })) continue
      await db.targetRecord.create({
        data: { target: r.target, value: r.value, note: r.note ?? null, recordedBy: staff.id },
      })
      records++
    }
    let snapshots = 0
    for (const s of file.snapshots) {
      for (const [target, value] of Object.entries(s.values)) {
        await db.targetSnapshot.upsert({
          where: { month_target: { month: s.month, target } },
          create: { month: s.month, target, value },
          update: { value },
        })
        snapshots++
      }
    }
    return `${records} target records, ${snapshots} snapshots`
  },
}
